package io.switchboard.events;

import java.time.Instant;
import java.util.Arrays;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonIgnore;

/**
 * Someone asked that a customer be erased: every service deletes what it holds for the conversations whose key
 * names one of {@code identities} ({@link Identity#matches}) and answers with an {@link ErasureCompleted}.
 * CloudEvent type {@code switchboard.erasure.requested}, id the erasure id.
 *
 * @param identities  the customer's identities, at least one
 * @param requestedBy who asked (the token's subject), for the audit
 */
public record ErasureRequested(String erasureId, List<Identity> identities, String requestedBy, Instant requestedAt)
        implements ErasureEvent {

    public ErasureRequested {
        identities = identities == null ? List.of() : List.copyOf(identities);
    }

    @Override
    @JsonIgnore
    public String eventId() {
        return erasureId;
    }

    @Override
    @JsonIgnore
    public Instant occurredAt() {
        return requestedAt;
    }

    @Override
    public EventType eventType() {
        return EventType.ERASURE_REQUESTED;
    }

    /**
     * One identity of the customer: the user part of a conversation key ({@code <prefix>:<account>:<user>}).
     *
     * @param channel the channel the id belongs to; absent: any channel
     * @param id      a phone number's digits, a BSUID, a PSID or IGSID, a custom source's external id
     */
    public record Identity(Channel channel, String id) {

        /**
         * True when {@code conversationKey}'s user part (everything after the second colon) is {@code id}, and its
         * prefix is {@code channel}'s when one is given. The SQL form is messaging's {@code KeyMatch}.
         */
        public boolean matches(String conversationKey) {
            if (conversationKey == null || id == null) {
                return false;
            }
            int first = conversationKey.indexOf(':');
            int second = first < 0 ? -1 : conversationKey.indexOf(':', first + 1);
            if (second < 0) {
                return false;
            }
            String prefix = conversationKey.substring(0, first);
            return conversationKey.substring(second + 1).equals(id)
                    && (channel == null ? prefixes().contains(prefix) : channel.prefix().equals(prefix));
        }

        /** The key prefixes this identity can appear under. */
        @JsonIgnore
        public List<String> prefixes() {
            return channel == null ? Arrays.stream(Channel.values()).map(Channel::prefix).toList()
                    : List.of(channel.prefix());
        }
    }
}
