package io.switchboard.ingress.replay;

import java.time.Instant;
import java.util.Map;
import java.util.TreeMap;

/** A running replay's counters, written by its thread and read by status requests. */
final class Progress {

    private final String id;
    private final ReplayRequest request;
    private final Instant startedAt;
    private String state = ReplayStatus.RUNNING;
    private Instant finishedAt;
    private String error;
    long read;
    long republished;
    long skippedAsDuplicates;
    long nothingToPublish;
    long filteredOut;
    long replayCopies;
    long deadLettersRead;
    long deadLettersCovered;
    long eventsNew;
    long eventsAlreadyPublished;
    private final Map<String, Long> stillFailing = new TreeMap<>();

    Progress(String id, ReplayRequest request, Instant startedAt) {
        this.id = id;
        this.request = request;
        this.startedAt = startedAt;
    }

    String id() {
        return id;
    }

    ReplayRequest request() {
        return request;
    }

    /** Changes counters under the lock status requests read them with. */
    synchronized void update(Runnable change) {
        change.run();
    }

    synchronized void failing(String reason) {
        stillFailing.merge(reason, 1L, Long::sum);
    }

    synchronized void finished(Instant at, String failure) {
        state = failure == null ? ReplayStatus.DONE : ReplayStatus.FAILED;
        finishedAt = at;
        error = failure;
    }

    synchronized boolean running() {
        return ReplayStatus.RUNNING.equals(state);
    }

    synchronized ReplayStatus status() {
        return new ReplayStatus(id, state, request.from(), request.to(), request.channel(), request.account(),
                request.deadLetters(), startedAt, finishedAt, read, republished, skippedAsDuplicates,
                nothingToPublish, filteredOut, replayCopies, deadLettersRead, deadLettersCovered, eventsNew,
                eventsAlreadyPublished, Map.copyOf(stillFailing), error);
    }
}
