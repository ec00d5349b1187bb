/**
 * Each queue's figures for supervisors' wallboards ({@code switchboard.queue-stats.v1}): recomputed after a change
 * (coalesced), published through the outbox when they differ from what this replica last published.
 */
package io.switchboard.routing.queuestats;
