package io.switchboard.outbound.channel;

import java.util.Set;

import io.switchboard.events.Channel;
import io.switchboard.events.ReplyRequested;
import io.switchboard.outbound.config.OutboundConfig;

/** Sends commands through one channel's API. Calls block; they run on the delivery workers. */
public interface ChannelSender {

    /** The channels it sends for ({@link ChannelSenders} checks at start that every channel has one). */
    Set<Channel> channels();

    /** Why this channel cannot carry the command's content, or null when it can. */
    String unsupported(ReplyRequested command);

    /** One call. Never throws for channel or network errors: they are outcomes. */
    SendOutcome send(OutboundConfig.Account account, ReplyRequested command, SendPolicy policy);
}
