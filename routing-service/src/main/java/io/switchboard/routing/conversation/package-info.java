/**
 * Conversations from first message to resolution. Use cases: {@link io.switchboard.routing.conversation.Intake}
 * (customer messages), {@link io.switchboard.routing.conversation.Dispatch} (offering the waiting),
 * {@link io.switchboard.routing.conversation.OfferAnswers} (accept, decline, expiry),
 * {@link io.switchboard.routing.conversation.Handover} (resolve, transfer, agent offline),
 * {@link io.switchboard.routing.conversation.Escalation} and {@link io.switchboard.routing.conversation.DryRun}.
 * The SQL is in the stores ({@code ConversationStore}, {@code OfferStore}, {@code CapacityStore},
 * {@code HeldMessageStore}, {@code InboxStore}), the events are built by {@code RoutingEvents}. Every change is one
 * transaction with its inbox row and its outbox events; every contested step is a conditional statement whose row
 * count says who won.
 */
package io.switchboard.routing.conversation;
