package io.switchboard.ingress.replay;

import java.time.Instant;
import java.util.Map;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * A replay's progress. Record counts are of raw webhooks; {@code stillFailing} counts the parts that would be
 * dead-lettered again, per reason.
 *
 * @param read                 raw webhooks in the range (and named by dead letters) that match the filters
 * @param republished          put back on the raw topic: they hold at least one event not published before
 * @param skippedAsDuplicates  every event of theirs was published before: not put back
 * @param nothingToPublish     matched, but hold no event and no failing part (kinds Switchboard ignores)
 * @param filteredOut          in the range but of another channel or account
 * @param replayCopies         copies an earlier replay put on the raw topic, left out (their originals count)
 * @param deadLettersRead      dead letters in the range
 * @param deadLettersCovered   dead letters whose raw webhook this replay had read already
 * @param eventsNew            events of the republished webhooks not published before
 * @param eventsAlreadyPublished events found in the dedupe store, which the normalization drops again
 * @param stillFailing         parts that fail again, by reason (the webhook is republished only if it also has new
 *                             events: its failing parts are then dead-lettered again)
 */
@Schema(description = "A replay and what it did so far", examples = """
        {"replayId": "6f1c2a9e-3b7d-4c51-9a0e-2f4d8b7c1e55", "state": "done", "from": "2026-12-03T08:00:00Z",
         "to": "2026-12-03T12:00:00Z", "channel": "custom", "account": "acme-shop", "includeDeadLetters": true,
         "startedAt": "2026-12-04T09:00:00Z", "finishedAt": "2026-12-04T09:00:04Z", "read": 120, "republished": 3,
         "skippedAsDuplicates": 116, "nothingToPublish": 0, "filteredOut": 410, "replayCopies": 0,
         "deadLettersRead": 4, "deadLettersCovered": 4, "eventsNew": 3, "eventsAlreadyPublished": 131,
         "stillFailing": {"normalizer failed: java.lang.IllegalStateException": 1}}""")
public record ReplayStatus(String replayId, String state, Instant from, Instant to, String channel, String account,
        boolean includeDeadLetters, Instant startedAt, Instant finishedAt, long read, long republished,
        long skippedAsDuplicates, long nothingToPublish, long filteredOut, long replayCopies, long deadLettersRead,
        long deadLettersCovered, long eventsNew, long eventsAlreadyPublished, Map<String, Long> stillFailing,
        @Schema(description = "Why the replay stopped, when its state is failed") String error) {

    public static final String RUNNING = "running";
    public static final String DONE = "done";
    public static final String FAILED = "failed";
}
