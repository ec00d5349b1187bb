/**
 * agent-service on the messaging core's transactional outbox and inbox: events appended in the caller's Hibernate
 * Reactive transaction ({@link io.switchboard.agent.outbox.EventOutbox}), published and deleted by the shared relay
 * ({@link io.switchboard.agent.outbox.AgentOutboxRelay}), consumed ids claimed in the effect's transaction
 * ({@link io.switchboard.agent.outbox.InboxClaims}).
 */
package io.switchboard.agent.outbox;
