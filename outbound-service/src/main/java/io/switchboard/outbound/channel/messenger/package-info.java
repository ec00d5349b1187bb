/** Messenger and Instagram Send API sends. */
package io.switchboard.outbound.channel.messenger;
