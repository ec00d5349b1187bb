package io.switchboard.agent.conversation;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * A feed item: a reply's delivery moved on.
 *
 * @param eventId          the reply's event id (its Idempotency-Key), as in the transcript
 * @param templateRequired the window is closed: only a template reaches the customer now
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record DeliveryUpdate(String eventId, String status, String reason, Boolean templateRequired) {
}
