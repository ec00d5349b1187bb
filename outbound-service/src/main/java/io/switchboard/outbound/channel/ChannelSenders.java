package io.switchboard.outbound.channel;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.arc.All;
import io.quarkus.runtime.Startup;
import io.switchboard.events.Channel;

/**
 * Which {@link ChannelSender} sends for each channel of the contract, built when the service starts. A channel
 * without a sender (or with two) fails the start: finding out at the first command would fail that command instead.
 */
@Startup
@ApplicationScoped
public class ChannelSenders {

    private final Map<Channel, ChannelSender> senders = new EnumMap<>(Channel.class);

    public ChannelSenders(@All List<ChannelSender> all) {
        for (ChannelSender sender : all) {
            for (Channel channel : sender.channels()) {
                ChannelSender before = senders.put(channel, sender);
                if (before != null) {
                    throw new IllegalStateException("two senders for channel " + channel.wireName() + ": "
                            + before.getClass().getName() + " and " + sender.getClass().getName());
                }
            }
        }
        for (Channel channel : Channel.values()) {
            if (!senders.containsKey(channel)) {
                throw new IllegalStateException("no ChannelSender for channel " + channel.wireName());
            }
        }
    }

    public ChannelSender of(Channel channel) {
        return senders.get(channel);
    }
}
