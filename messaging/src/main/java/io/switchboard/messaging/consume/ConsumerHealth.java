package io.switchboard.messaging.consume;

import java.time.Instant;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.enterprise.context.ApplicationScoped;


/**
 * Readiness of the service's consumers and relays: DOWN while one of them is retrying an infrastructure failure
 * (with what failed and since when), UP again after its next success. Liveness is not touched: a consumer that
 * retries is alive and will resume by itself, restarting the pod would not bring the database back.
 * {@link ConsumerReadiness} reports it.
 */
@ApplicationScoped
public class ConsumerHealth {

    private record Outage(Instant since, String failure, int attempts) {
    }

    private final Map<String, Outage> outages = new ConcurrentHashMap<>();

    /** {@code what} (a channel or relay name) failed for a reason that is not the record's; it is being retried. */
    public void retrying(String what, Throwable failure) {
        String description = failure.getClass().getSimpleName() + ": " + failure.getMessage();
        outages.merge(what, new Outage(Instant.now(), description, 1),
                (old, next) -> new Outage(old.since(), description, old.attempts() + 1));
    }

    /** {@code what} succeeded: its outage, if any, is over. */
    public void recovered(String what) {
        outages.remove(what);
    }

    public boolean healthy() {
        return outages.isEmpty();
    }

    /** What is being retried, with since when and why; empty when healthy. */
    public Map<String, String> outages() {
        Map<String, String> described = new TreeMap<>();
        outages.forEach((what, outage) -> described.put(what,
                "retrying since " + outage.since() + " (" + outage.attempts() + " attempts): " + outage.failure()));
        return described;
    }
}
