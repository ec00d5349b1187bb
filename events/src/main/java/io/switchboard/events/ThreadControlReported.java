package io.switchboard.events;

import java.time.Instant;

/**
 * Who controls a conversation's Messenger or Instagram thread now, under Meta's handover protocol (docs/channels.md
 * §3.8), for the agents' view: published when control moves while the conversation is open, and when another app
 * asks for the thread. CloudEvent type {@code switchboard.conversation.thread-control-reported}.
 *
 * @param agentId         the agent the conversation is assigned to; null while it is not
 * @param threadOwner     {@code switchboard}, or the app id of the app that controls the thread ({@code unknown} when
 *                        a standby message showed another app has it without saying which)
 * @param change          {@code passed}, {@code taken} or {@code requested} (another app asks; the owner is unchanged)
 * @param appId           the other app of the change: the one that passed, took or asks
 * @param metadata        the free text that app sent
 * @param causeEventId    the inbound event (or routing's own take) it follows from
 */
public record ThreadControlReported(String eventId, Channel channel, String channelAccountId,
        String conversationKey, String conversationId, String agentId, String threadOwner, String change,
        String appId, String metadata, String causeEventId, Instant occurredAt) implements RoutingEvent {

    /** The {@code threadOwner} when Switchboard controls the thread. */
    public static final String SWITCHBOARD = "switchboard";

    @Override
    public EventType eventType() {
        return EventType.THREAD_CONTROL_REPORTED;
    }
}
