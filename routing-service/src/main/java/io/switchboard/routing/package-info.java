/**
 * routing-service: conversations to agents. Packages by feature: {@code conversation} (inbound messages, agent
 * actions, offers and assignments), {@code agent} (the projection of the agents topic), {@code selection} (who is
 * eligible and who wins, with the explanation), {@code outbox} (events written with the state, published from
 * there), {@code store} (the schema and the transaction helper), {@code api} (dry run), {@code config}.
 */
package io.switchboard.routing;
