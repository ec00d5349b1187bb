package io.switchboard.outbound.erasure;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;

import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.switchboard.events.CloudEventCodec;
import io.switchboard.events.ErasureRequested;
import io.switchboard.messaging.erasure.KeyMatch;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * What outbound removes for an erasure, in one transaction: the customer's deliveries, the receipts waiting for
 * them, their messaging windows and the replies parked for them while their account is paused. The erasure's id
 * and counts are recorded in the same transaction ({@code erasures_done}): a redelivered request gets the counts of
 * the first run and removes nothing. So is the customer's pseudonym ({@link ErasedCustomers}), which keeps late
 * records from bringing their rows back.
 */
@ApplicationScoped
public class OutboundErasure {

    static final List<String> STORES = List.of("deliveries", "pending_receipts", "conversation_windows",
            "parked_commands");

    // A waiting receipt is the customer's by the conversation key in its event (written compact by the codec), or by
    // naming one of their deliveries (channel, account, message id): so it goes before the deliveries.
    private static final String RECEIPT_KEY =
            "substring(convert_from(p.receipt, 'UTF8') from '\"conversationKey\":\"([^\"]*)\"')";
    private static final String RECEIPTS = "DELETE FROM pending_receipts p WHERE "
            + KeyMatch.predicate(RECEIPT_KEY, 1, 2) + " OR EXISTS (SELECT 1 FROM deliveries d WHERE "
            + KeyMatch.predicate("d.conversation_key", 1, 2) + " AND p.channel = d.channel"
            + " AND p.channel_account_id = d.channel_account_id AND p.channel_message_id = d.channel_message_id)";
    private static final String DELIVERIES = "DELETE FROM deliveries WHERE "
            + KeyMatch.predicate("conversation_key", 1, 2);
    private static final String WINDOWS = "DELETE FROM conversation_windows WHERE "
            + KeyMatch.predicate("conversation_key", 1, 2);
    private static final String PARKED = "DELETE FROM parked_commands WHERE " + KeyMatch.predicate("record_key", 1, 2);

    private final Pool pool;
    private final ErasedCustomers erased;

    public OutboundErasure(Pool pool, ErasedCustomers erased) {
        this.pool = pool;
        this.erased = erased;
    }

    /** Erases the customer once; the counts per store (of the first run, for a request seen before). */
    public Uni<Map<String, Long>> erase(ErasureRequested request) {
        return pool.withTransaction(connection -> connection
                .preparedQuery("INSERT INTO erasures_done (erasure_id, removed) VALUES ($1, '{}')"
                        + " ON CONFLICT (erasure_id) DO NOTHING")
                .execute(Tuple.of(request.erasureId()))
                .flatMap(claimed -> claimed.rowCount() == 1 ? firstRun(connection, request)
                        : recorded(connection, request.erasureId())));
    }

    private Uni<Map<String, Long>> firstRun(SqlConnection connection, ErasureRequested request) {
        Map<String, Long> removed = new LinkedHashMap<>();
        STORES.forEach(store -> removed.put(store, 0L));
        List<KeyMatch.Pair> pairs = KeyMatch.pairs(request.identities());
        return Multi.createFrom().iterable(pairs)
                .onItem().transformToUniAndConcatenate(pair -> delete(connection, RECEIPTS, pair, "pending_receipts",
                        removed)
                        .flatMap(ignored -> delete(connection, DELIVERIES, pair, "deliveries", removed))
                        .flatMap(ignored -> delete(connection, WINDOWS, pair, "conversation_windows", removed))
                        .flatMap(ignored -> delete(connection, PARKED, pair, "parked_commands", removed)))
                .collect().last()
                // What was requested before now and arrives later must not write the customer's rows again.
                .flatMap(ignored -> erased.record(connection, pairs, Instant.now()))
                .flatMap(ignored -> connection
                        .preparedQuery("UPDATE erasures_done SET removed = $2 WHERE erasure_id = $1")
                        .execute(Tuple.of(request.erasureId(), json(removed))))
                .replaceWith(removed);
    }

    private static Uni<Void> delete(SqlConnection connection, String sql, KeyMatch.Pair pair, String store,
            Map<String, Long> removed) {
        return connection.preparedQuery(sql).execute(Tuple.of(pair.prefix(), pair.id()))
                .invoke(rows -> removed.merge(store, (long) rows.rowCount(), Long::sum)).replaceWithVoid();
    }

    private static Uni<Map<String, Long>> recorded(SqlConnection connection, String erasureId) {
        return connection.preparedQuery("SELECT removed FROM erasures_done WHERE erasure_id = $1")
                .execute(Tuple.of(erasureId))
                .map(rows -> read(rows.iterator().next().getString("removed")));
    }

    private static String json(Map<String, Long> removed) {
        try {
            return CloudEventCodec.JSON.writeValueAsString(removed);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a map of counts is always JSON", e);
        }
    }

    private static Map<String, Long> read(String json) {
        try {
            return CloudEventCodec.JSON.readValue(json, new TypeReference<LinkedHashMap<String, Long>>() { });
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("erasures_done.removed is written by this class only", e);
        }
    }
}
