package io.switchboard.outbound.receipt;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import io.smallrye.mutiny.Uni;
import io.switchboard.events.CloudEventCodec;
import io.switchboard.events.DeliveryStatusChanged;
import io.switchboard.events.EventType;
import io.switchboard.outbound.config.OutboundConfig;
import io.vertx.core.buffer.Buffer;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * The {@code pending_receipts} table: receipts for a channel message id no delivery has (yet). Kept for
 * {@code receipts.pending-max-age}, long enough for the send's answer to be recorded, not for receipts of messages
 * this service never sent.
 */
@ApplicationScoped
public class PendingReceipts {

    /** A kept receipt. */
    public record Pending(long id, DeliveryStatusChanged receipt) {
    }

    /** Now minus the maximum age in milliseconds (parameter $1). */
    private static final String CUTOFF = "now() - $1::bigint * interval '1 millisecond'";

    private final Pool pool;
    private final Duration maxAge;

    public PendingReceipts(Pool pool, OutboundConfig config) {
        this.pool = pool;
        this.maxAge = config.receipts().pendingMaxAge();
    }

    /** Keeps the receipt (once, by its event id) and drops the ones past the maximum age. */
    public Uni<Void> keep(DeliveryStatusChanged receipt) {
        return pool.preparedQuery("INSERT INTO pending_receipts (channel, channel_account_id, channel_message_id, "
                + "receipt_id, receipt) VALUES ($1, $2, $3, $4, $5) ON CONFLICT (receipt_id) DO NOTHING")
                .execute(Tuple.of(receipt.channel().wireName(), receipt.channelAccountId(), receipt.externalMessageId(),
                        receipt.eventId(), Buffer.buffer(CloudEventCodec.data(receipt))))
                .chain(() -> pool.preparedQuery("DELETE FROM pending_receipts WHERE received_at < " + CUTOFF)
                        .execute(Tuple.of(maxAge.toMillis())))
                .replaceWithVoid();
    }

    /** The kept receipts for one message of one account, oldest first, within the maximum age. */
    public Uni<List<Pending>> of(String channel, String channelAccountId, String channelMessageId) {
        return pool.preparedQuery("SELECT id, receipt FROM pending_receipts WHERE channel = $1 "
                + "AND channel_account_id = $2 AND channel_message_id = $3 AND received_at >= "
                + CUTOFF.replace("$1", "$4") + " ORDER BY id")
                .execute(Tuple.of(channel, channelAccountId, channelMessageId, maxAge.toMillis())).map(rows -> {
                    List<Pending> pending = new ArrayList<>();
                    for (Row row : rows) {
                        pending.add(new Pending(row.getLong("id"), (DeliveryStatusChanged) CloudEventCodec.read(
                                EventType.DELIVERY_STATUS_CHANGED, row.getBuffer("receipt").getBytes())));
                    }
                    return pending;
                });
    }

    /** Applied: no longer pending. */
    public Uni<Void> applied(long id) {
        return pool.preparedQuery("DELETE FROM pending_receipts WHERE id = $1").execute(Tuple.of(id))
                .replaceWithVoid();
    }
}
