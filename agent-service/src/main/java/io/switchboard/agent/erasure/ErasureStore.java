package io.switchboard.agent.erasure;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;

import io.smallrye.mutiny.Uni;
import io.switchboard.agent.outbox.SessionSql;
import io.switchboard.events.CloudEventCodec;
import io.switchboard.events.ErasureRequested;

/** The {@code erasures} and {@code erasure_outcomes} tables, on the current Hibernate Reactive session. */
@ApplicationScoped
public class ErasureStore {

    private static final String UTC = " AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS.US\"Z\"')";
    private static final String STATUS = "SELECT json_build_object('erasureId', e.erasure_id,"
            + " 'identities', json_array_length(e.identities::json), 'requestedBy', e.requested_by,"
            + " 'requestedAt', to_char(e.requested_at" + UTC + ", 'completedAt', to_char(e.completed_at" + UTC + ","
            + " 'services', (SELECT json_agg(json_build_object('service', o.service, 'removed', o.removed::json,"
            + "   'completedAt', to_char(o.completed_at" + UTC + ") ORDER BY o.service)"
            + "   FROM agent.erasure_outcomes o WHERE o.erasure_id = e.erasure_id))::text"
            + " FROM agent.erasures e WHERE e.erasure_id = $1";

    /** An erasure as stored, before it becomes an {@link ErasureStatus}. */
    record Stored(String erasureId, int identities, String requestedBy, Instant requestedAt, Instant completedAt,
            List<StoredOutcome> services) {
    }

    record StoredOutcome(String service, Map<String, Long> removed, Instant completedAt) {
    }

    /** The pending erasure of the same identities, or null. */
    Uni<String> pendingFor(String fingerprint) {
        return SessionSql.text("SELECT erasure_id FROM agent.erasures WHERE fingerprint = $1 AND completed_at IS NULL",
                fingerprint);
    }

    /** False when a pending erasure of the same identities was recorded first (by a concurrent request). */
    Uni<Boolean> insert(String erasureId, List<ErasureRequested.Identity> identities, String fingerprint,
            String requestedBy) {
        return SessionSql.execute("INSERT INTO agent.erasures (erasure_id, identities, fingerprint, requested_by)"
                + " VALUES ($1, $2, $3, $4) ON CONFLICT (fingerprint) WHERE completed_at IS NULL DO NOTHING",
                erasureId, json(identities), fingerprint, requestedBy).map(inserted -> inserted == 1);
    }

    Uni<Void> expect(String erasureId, String service) {
        return SessionSql.execute("INSERT INTO agent.erasure_outcomes (erasure_id, service) VALUES ($1, $2)",
                erasureId, service).replaceWithVoid();
    }

    /** Records a service's outcome; false when it was recorded before or is not expected. */
    Uni<Boolean> complete(String erasureId, String service, Map<String, Long> removed, Instant completedAt) {
        return SessionSql.execute("UPDATE agent.erasure_outcomes SET removed = $3, completed_at = $4"
                + " WHERE erasure_id = $1 AND service = $2 AND completed_at IS NULL",
                erasureId, service, json(removed), completedAt).map(updated -> updated == 1);
    }

    /** How many expected services have not answered yet. */
    Uni<Long> outstanding(String erasureId) {
        return SessionSql.text("SELECT count(*)::text FROM agent.erasure_outcomes"
                + " WHERE erasure_id = $1 AND completed_at IS NULL", erasureId).map(Long::parseLong);
    }

    /** The identities of a pending erasure, or null when it is done (or unknown). */
    Uni<List<ErasureRequested.Identity>> pendingIdentities(String erasureId) {
        return SessionSql.text("SELECT identities FROM agent.erasures WHERE erasure_id = $1 AND completed_at IS NULL",
                erasureId).map(json -> json == null ? null
                        : read(json, new TypeReference<List<ErasureRequested.Identity>>() { }));
    }

    /** Marks the erasure done, its identities replaced by {@code pseudonymized}, its fingerprint gone. */
    Uni<Void> finish(String erasureId, List<ErasureRequested.Identity> pseudonymized) {
        return SessionSql.execute("UPDATE agent.erasures SET completed_at = now(), fingerprint = NULL,"
                + " identities = $2 WHERE erasure_id = $1 AND completed_at IS NULL", erasureId, json(pseudonymized))
                .replaceWithVoid();
    }

    /** The erasure with its outcomes, or null. */
    Uni<Stored> find(String erasureId) {
        return SessionSql.text(STATUS, erasureId).map(json -> json == null ? null
                : read(json, new TypeReference<Stored>() { }));
    }

    static String json(Object value) {
        try {
            return CloudEventCodec.JSON.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("identities and counts are always JSON", e);
        }
    }

    private static <T> T read(String json, TypeReference<T> type) {
        try {
            return CloudEventCodec.JSON.readValue(json, type);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("the erasure tables hold what this class wrote", e);
        }
    }
}
