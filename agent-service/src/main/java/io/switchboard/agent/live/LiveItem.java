package io.switchboard.agent.live;

import java.time.Instant;

import com.fasterxml.jackson.annotation.JsonRawValue;

/**
 * One frame the socket sends: an item of the agent's feed.
 *
 * @param seq  the item's place in the agent's feed; reconnect with {@code ?after=<last seq seen>}
 * @param type {@code offer.made}, {@code message.received}, {@code delivery.updated} … (README.md)
 * @param data the item's JSON, as stored
 */
public record LiveItem(long seq, String type, String conversationKey, Instant at, @JsonRawValue String data) {
}
