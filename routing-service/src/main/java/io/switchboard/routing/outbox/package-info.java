/**
 * Events written in the same transaction as the state they describe, and published from there in commit order:
 * a crash between the commit and the send loses nothing (the relay sends again; consumers deduplicate on the id).
 */
package io.switchboard.routing.outbox;
