/**
 * The channels' send APIs: one {@link io.switchboard.outbound.channel.ChannelSender} per channel, the REST clients,
 * and {@link io.switchboard.outbound.channel.ErrorTable}, which turns a channel's error code into what to do.
 */
package io.switchboard.outbound.channel;
