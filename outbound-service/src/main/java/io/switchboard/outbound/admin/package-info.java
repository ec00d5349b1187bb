/**
 * The admin API: proactive contact (a business starts a conversation with an approved WhatsApp template), published
 * as a {@code ReplyRequested} onto the topic the delivery pipeline consumes, so it gets the same idempotency, pacing,
 * retries and results as an agent's reply.
 */
package io.switchboard.outbound.admin;
