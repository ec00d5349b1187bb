package io.switchboard.agent;

import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/** Sends an agent's heartbeats in the background, as the front end's live connection would, until closed. */
final class Heartbeats implements AutoCloseable {

    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor();

    private Heartbeats(String agentId) {
        timer.scheduleAtFixedRate(() -> PresenceTest.heartbeat(agentId), 0, 500, TimeUnit.MILLISECONDS);
    }

    static Heartbeats start(String agentId) {
        return new Heartbeats(agentId);
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }
}
