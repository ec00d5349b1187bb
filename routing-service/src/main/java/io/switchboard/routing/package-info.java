/**
 * routing-service: conversations to agents. Packages by feature: {@code conversation} (inbound messages, agent
 * actions, offers and assignments), {@code agent} (the projection of the agents topic), {@code selection} (who is
 * eligible and who wins, with the explanation), {@code outbox} (events written with the state, published from
 * there by the messaging core's relay), {@code store} (the transaction helper; the schema is Flyway's,
 * {@code db/routing}), {@code api} (dry run, queues), {@code config}.
 */
package io.switchboard.routing;
