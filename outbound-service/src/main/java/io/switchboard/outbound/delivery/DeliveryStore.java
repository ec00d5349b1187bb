package io.switchboard.outbound.delivery;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import io.smallrye.mutiny.Uni;
import io.switchboard.events.CloudEventCodec;
import io.switchboard.events.OutboundResultEvent;
import io.switchboard.events.ReplyRequested;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * The {@code deliveries} table. Every transition is a conditional statement on the current state, so two
 * deliveries of the same command (a redelivery, a second replica) cannot both pass: the database decides, never a
 * read-then-write in Java. Each terminal transition stores the result it publishes, so it can be published again.
 */
@ApplicationScoped
public class DeliveryStore {

    private static final Duration TIMEOUT = Duration.ofSeconds(10);
    private static final String COLUMNS = "idempotency_key, conversation_key, channel, channel_account_id, state, "
            + "attempts, next_attempt_at, channel_message_id, result_type, result_json";

    private final Pool pool;

    public DeliveryStore(Pool pool) {
        this.pool = pool;
    }

    public Optional<DeliveryRow> find(String idempotencyKey) {
        RowSet<Row> rows = await(pool.preparedQuery("SELECT " + COLUMNS + " FROM deliveries WHERE idempotency_key = $1")
                .execute(Tuple.of(idempotencyKey)));
        return rows.size() == 0 ? Optional.empty() : Optional.of(row(rows.iterator().next()));
    }

    /** Claims a new command for its first call: true only for the one caller whose insert created the row. */
    public boolean claim(ReplyRequested command) {
        return claim(command.eventId(), command.conversationKey(), command.channel().wireName(),
                command.channelAccountId());
    }

    /** As {@link #claim(ReplyRequested)}, for any command (thread control changes too). */
    public boolean claim(String idempotencyKey, String conversationKey, String channel, String channelAccountId) {
        return await(pool.preparedQuery("INSERT INTO deliveries (idempotency_key, conversation_key, channel, "
                + "channel_account_id, state, attempts) VALUES ($1, $2, $3, $4, 'PENDING', 1) "
                + "ON CONFLICT (idempotency_key) DO NOTHING")
                .execute(Tuple.of(idempotencyKey, conversationKey, channel, channelAccountId))).rowCount() == 1;
    }

    /** Claims a command that is waiting for its next attempt. */
    public boolean reclaim(String idempotencyKey) {
        return await(pool.preparedQuery("UPDATE deliveries SET state = 'PENDING', attempts = attempts + 1, "
                + "next_attempt_at = NULL, updated_at = now() WHERE idempotency_key = $1 AND state = 'RETRYING'")
                .execute(Tuple.of(idempotencyKey))).rowCount() == 1;
    }

    /** Refused before any call, as a new row: false when the command already has one. */
    public boolean insertFailed(ReplyRequested command, OutboundResultEvent result) {
        return insertFailed(command.eventId(), command.conversationKey(), command.channel().wireName(),
                command.channelAccountId(), result);
    }

    /** As {@link #insertFailed(ReplyRequested, OutboundResultEvent)}, for any command. */
    public boolean insertFailed(String idempotencyKey, String conversationKey, String channel,
            String channelAccountId, OutboundResultEvent result) {
        return await(pool.preparedQuery("INSERT INTO deliveries (idempotency_key, conversation_key, channel, "
                + "channel_account_id, state, attempts, result_type, result_json) "
                + "VALUES ($1, $2, $3, $4, 'FAILED', 0, $5, $6) ON CONFLICT (idempotency_key) DO NOTHING")
                .execute(Tuple.from(List.of(idempotencyKey, conversationKey, channel, channelAccountId,
                        result.eventType().ceType(), json(result))))).rowCount() == 1;
    }

    /** The call's answer ended the command: from {@code expected} to a terminal state, with its result. */
    public boolean finish(String idempotencyKey, DeliveryState expected, DeliveryState state, String channelMessageId,
            OutboundResultEvent result) {
        return await(pool.preparedQuery("UPDATE deliveries SET state = $3, channel_message_id = $4, result_type = $5, "
                + "result_json = $6, accepted_at = CASE WHEN $3 = 'SENT' THEN now() ELSE accepted_at END, "
                + "updated_at = now() WHERE idempotency_key = $1 AND state = $2")
                .execute(Tuple.tuple().addString(idempotencyKey).addString(expected.name()).addString(state.name())
                        .addString(channelMessageId).addString(result.eventType().ceType()).addString(json(result))))
                .rowCount() == 1;
    }

    /** The call certainly failed and will be made again at {@code nextAttemptAt}. */
    public boolean retryAt(String idempotencyKey, Instant nextAttemptAt) {
        return await(pool.preparedQuery("UPDATE deliveries SET state = 'RETRYING', next_attempt_at = $2, "
                + "updated_at = now() WHERE idempotency_key = $1 AND state = 'PENDING'")
                .execute(Tuple.of(idempotencyKey, utc(nextAttemptAt)))).rowCount() == 1;
    }

    /**
     * The deliveries a receipt for one message would move: a positive state above the merged rank (never lower),
     * or the first failure report. Read before publishing and {@link #advance} after, so a crash in between
     * publishes the same event (same id) again rather than losing it. A message id is the channel account's (a
     * custom source chooses its own ids, so two sources may return the same one): a receipt only matches the
     * deliveries sent through the account it came from.
     */
    public Uni<List<DeliveryRow>> movedBy(String channel, String channelAccountId, String channelMessageId, int rank,
            boolean failed) {
        String condition = failed ? "NOT receipt_failed" : "receipt_rank < $4";
        return pool.preparedQuery("SELECT " + COLUMNS + " FROM deliveries WHERE channel = $1 "
                + "AND channel_account_id = $2 AND channel_message_id = $3 AND " + condition)
                .execute(failed ? Tuple.of(channel, channelAccountId, channelMessageId)
                        : Tuple.of(channel, channelAccountId, channelMessageId, rank))
                .map(DeliveryStore::rows);
    }

    /**
     * Whether a delivery of this account has this channel message id: a receipt for one that has none came early
     * (or is not ours).
     */
    public Uni<Boolean> knows(String channel, String channelAccountId, String channelMessageId) {
        return pool.preparedQuery("SELECT 1 FROM deliveries WHERE channel = $1 AND channel_account_id = $2 "
                + "AND channel_message_id = $3 LIMIT 1")
                .execute(Tuple.of(channel, channelAccountId, channelMessageId)).map(rows -> rows.size() > 0);
    }

    /** The deliveries of a conversation a watermark receipt (Messenger, Instagram) would move. */
    public Uni<List<DeliveryRow>> movedByWatermark(String conversationKey, Instant watermark, int rank) {
        return pool.preparedQuery("SELECT " + COLUMNS + " FROM deliveries WHERE conversation_key = $1 "
                + "AND state = 'SENT' AND accepted_at <= $2 AND receipt_rank < $3")
                .execute(Tuple.of(conversationKey, utc(watermark), rank)).map(DeliveryStore::rows);
    }

    /** Records a merged receipt: the rank only rises, the failure flag is only set. */
    public Uni<Void> advance(String idempotencyKey, int rank, boolean failed) {
        return pool.preparedQuery(failed
                ? "UPDATE deliveries SET receipt_failed = true, updated_at = now() WHERE idempotency_key = $1"
                : "UPDATE deliveries SET receipt_rank = GREATEST(receipt_rank, $2), updated_at = now() "
                        + "WHERE idempotency_key = $1")
                .execute(failed ? Tuple.of(idempotencyKey) : Tuple.of(idempotencyKey, rank)).replaceWithVoid();
    }

    private static List<DeliveryRow> rows(RowSet<Row> rows) {
        List<DeliveryRow> result = new ArrayList<>();
        rows.forEach(row -> result.add(row(row)));
        return result;
    }

    private static DeliveryRow row(Row row) {
        OffsetDateTime next = row.getOffsetDateTime("next_attempt_at");
        return new DeliveryRow(row.getString("idempotency_key"), row.getString("conversation_key"),
                row.getString("channel"), row.getString("channel_account_id"),
                DeliveryState.valueOf(row.getString("state")), row.getInteger("attempts"),
                next == null ? null : next.toInstant(), row.getString("channel_message_id"),
                row.getString("result_type"), row.getString("result_json"));
    }

    private static String json(OutboundResultEvent result) {
        return new String(CloudEventCodec.data(result), java.nio.charset.StandardCharsets.UTF_8);
    }

    private static OffsetDateTime utc(Instant at) {
        return at.atOffset(ZoneOffset.UTC);
    }

    private static <T> T await(Uni<T> uni) {
        return uni.await().atMost(TIMEOUT);
    }
}
