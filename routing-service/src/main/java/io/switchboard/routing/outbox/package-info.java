/**
 * Events written in the same transaction as the state they describe ({@code routing.outbox}, the messaging core's
 * table), and published from there by the core's relay in commit order per conversation: a crash between the commit
 * and the send loses nothing (the relay sends again; consumers deduplicate on the id).
 */
package io.switchboard.routing.outbox;
