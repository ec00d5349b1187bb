/** SMS and MMS through Twilio's Messages API (docs/channels.md §6): the sender and Twilio's error codes. */
package io.switchboard.outbound.channel.sms;
