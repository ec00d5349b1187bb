/**
 * SMS and MMS through Twilio (docs/channels.md §6): the form-encoded webhooks of inbound messages and status
 * callbacks, their {@code X-Twilio-Signature}, and their normalization into the same events as every other channel.
 */
package io.switchboard.ingress.twilio;
