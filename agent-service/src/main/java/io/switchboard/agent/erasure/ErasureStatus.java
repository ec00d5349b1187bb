package io.switchboard.agent.erasure;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * An erasure and each service's outcome: what {@code GET /admin/erasures/{id}} and the 202 of the request answer.
 * Never the identities: only their number.
 *
 * @param status     {@code pending} until every service answered, then {@code done}
 * @param identities how many identities the request named
 * @param skipped    services that keep nothing to erase, and why
 */
@Schema(example = """
        {"erasureId": "3f0c1d6e-5b7a-4a43-9d55-0b8f2b4f6a10", "status": "pending", "identities": 1,
         "requestedBy": "ops-console", "requestedAt": "2026-12-03T16:00:00Z",
         "services": [{"service": "agent-service", "status": "done",
                       "removed": {"conversations": 2, "transcript": 14, "feed": 9, "offers": 2},
                       "completedAt": "2026-12-03T16:00:00Z"},
                      {"service": "outbound-service", "status": "pending"},
                      {"service": "routing-service", "status": "pending"}],
         "skipped": {"ingress-service": "keeps no database; its raw archive ages out of Kafka in 14 days"}}""")
public record ErasureStatus(String erasureId, String status, int identities, String requestedBy,
        Instant requestedAt, Instant completedAt, List<Outcome> services, Map<String, String> skipped) {

    public static final String PENDING = "pending";
    public static final String DONE = "done";

    /** What ingress-service would answer: it has nothing of its own to erase (docs/privacy.md). */
    static final Map<String, String> SKIPPED = Map.of("ingress-service",
            "keeps no database; its raw archive ages out of Kafka in 14 days");

    /**
     * One service's outcome.
     *
     * @param status  {@code pending} or {@code done}
     * @param removed rows removed per store, once done
     */
    public record Outcome(String service, String status, Map<String, Long> removed, Instant completedAt) {
    }
}
