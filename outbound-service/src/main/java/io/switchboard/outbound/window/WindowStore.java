package io.switchboard.outbound.window;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

import jakarta.enterprise.context.ApplicationScoped;

import io.smallrye.mutiny.Uni;
import io.switchboard.outbound.erasure.ErasedCustomers;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * The last customer message and the last channel "window closed" answer per conversation. Both only move forward
 * (GREATEST), so events read out of order or twice never move the window backwards.
 */
@ApplicationScoped
public class WindowStore {

    /** What is known about one conversation's window; a null time means never. */
    public record Facts(Instant lastInboundAt, Instant closedAt) {
        public static final Facts NONE = new Facts(null, null);
    }

    private final Pool pool;

    public WindowStore(Pool pool) {
        this.pool = pool;
    }

    public Uni<Void> recordInbound(String conversationKey, String channel, Instant at) {
        // A message from before its customer's erasure, read again after it, opens no window (ErasedCustomers).
        return pool.preparedQuery("INSERT INTO conversation_windows (conversation_key, channel, last_inbound_at) "
                + "SELECT $1::text, $2::text, $3::timestamptz WHERE NOT EXISTS (SELECT 1 FROM erased_identities WHERE ref = $4"
                + " AND erased_at >= $3) ON CONFLICT (conversation_key) DO UPDATE SET last_inbound_at = "
                + "GREATEST(conversation_windows.last_inbound_at, EXCLUDED.last_inbound_at)")
                .execute(Tuple.of(conversationKey, channel, utc(at), ErasedCustomers.ref(conversationKey)))
                .replaceWithVoid();
    }

    /**
     * The customer's identity changed and their conversation continues under {@code toKey}: its window does too.
     * Merged monotonically, like every other fact, so a redelivery or a message under the new key that came first
     * loses nothing.
     */
    public Uni<Void> carryOver(String fromKey, String toKey) {
        return pool.preparedQuery("INSERT INTO conversation_windows (conversation_key, channel, last_inbound_at,"
                + " closed_at) SELECT $2, channel, last_inbound_at, closed_at FROM conversation_windows"
                + " WHERE conversation_key = $1 ON CONFLICT (conversation_key) DO UPDATE SET last_inbound_at ="
                + " GREATEST(conversation_windows.last_inbound_at, EXCLUDED.last_inbound_at), closed_at ="
                + " GREATEST(conversation_windows.closed_at, EXCLUDED.closed_at)")
                .execute(Tuple.of(fromKey, toKey)).replaceWithVoid();
    }

    /** The channel said the window is closed (WhatsApp 131047, Messenger 10/2018278, Instagram 10/2534022). */
    public Uni<Void> recordClosed(String conversationKey, String channel, Instant at) {
        return pool.preparedQuery("INSERT INTO conversation_windows (conversation_key, channel, closed_at) "
                + "VALUES ($1, $2, $3) ON CONFLICT (conversation_key) DO UPDATE SET closed_at = "
                + "GREATEST(conversation_windows.closed_at, EXCLUDED.closed_at)")
                .execute(Tuple.of(conversationKey, channel, utc(at))).replaceWithVoid();
    }

    public Uni<Facts> facts(String conversationKey) {
        return pool.preparedQuery("SELECT last_inbound_at, closed_at FROM conversation_windows WHERE conversation_key = $1")
                .execute(Tuple.of(conversationKey)).map(WindowStore::facts);
    }

    private static Facts facts(RowSet<Row> rows) {
        if (rows.size() == 0) {
            return Facts.NONE;
        }
        Row row = rows.iterator().next();
        return new Facts(instant(row.getOffsetDateTime("last_inbound_at")), instant(row.getOffsetDateTime("closed_at")));
    }

    private static Instant instant(OffsetDateTime time) {
        return time == null ? null : time.toInstant();
    }

    private static OffsetDateTime utc(Instant at) {
        return at.atOffset(ZoneOffset.UTC);
    }
}
