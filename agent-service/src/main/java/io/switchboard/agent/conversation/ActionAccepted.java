package io.switchboard.agent.conversation;

/**
 * An action handed on: routing (or outbound-service, for a reply) decides and its answer reaches the front end.
 *
 * @param eventId the published event's id, derived from the agent and the request's {@code Idempotency-Key}
 *                ({@link ActionIds})
 * @param type    the CloudEvent type published
 */
public record ActionAccepted(String eventId, String type, String conversationKey) {
}
