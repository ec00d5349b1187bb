package io.switchboard.outbound.receipt;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;

import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.switchboard.events.Channel;
import io.switchboard.events.ChannelError;
import io.switchboard.events.CloudEventCodec;
import io.switchboard.events.DeliveryFailed;
import io.switchboard.events.DeliveryProgressed;
import io.switchboard.events.DeliveryState;
import io.switchboard.events.DeliveryStatusChanged;
import io.switchboard.events.EventType;
import io.switchboard.events.FailureCategory;
import io.switchboard.messaging.consume.ConsumerPolicy;
import io.switchboard.messaging.consume.PoisonRecordException;
import io.switchboard.outbound.channel.Classification;
import io.switchboard.outbound.channel.ErrorTable;
import io.switchboard.outbound.channel.sms.TwilioErrors;
import io.switchboard.outbound.delivery.Conclusions;
import io.switchboard.outbound.delivery.DeliveryRow;
import io.switchboard.outbound.delivery.DeliveryStore;
import io.switchboard.outbound.delivery.ResultPublisher;
import io.switchboard.outbound.intake.RecordChecks;
import io.switchboard.outbound.window.WindowStore;

/**
 * Merges delivery receipts from {@code switchboard.status.v1} into the deliveries of the account they came through
 * (channel, account and message id: a custom source can only touch its own deliveries) and publishes a
 * {@link DeliveryProgressed} whenever the merged state moves: positive states only upwards (sent &lt; delivered &lt;
 * read &lt; played, so a late "delivered" after "read" changes nothing), a failure report once, and later positive
 * evidence still counts (docs/channels.md §8.3). A failure report is also published as a {@link DeliveryFailed} with
 * the channel's code; one with 131047 closes the window, as the synchronous error does: WhatsApp often reports it
 * only asynchronously.
 */
@ApplicationScoped
public class ReceiptMerger {

    private static final int WINDOW_CLOSED = 131047;
    private static final Duration TIMEOUT = Duration.ofSeconds(10);

    private final DeliveryStore deliveries;
    private final WindowStore windows;
    private final ResultPublisher publisher;
    private final PendingReceipts pending;
    private final ConsumerPolicy policy;

    public ReceiptMerger(DeliveryStore deliveries, WindowStore windows, ResultPublisher publisher,
            PendingReceipts pending, ConsumerPolicy policy) {
        this.policy = policy;
        this.deliveries = deliveries;
        this.windows = windows;
        this.publisher = publisher;
        this.pending = pending;
    }

    /** Under the consumer policy: an unreadable receipt is set aside as a dead letter, an outage waited out. */
    @Incoming("receipts")
    public Uni<Void> onStatus(ConsumerRecord<String, byte[]> record) {
        String type = CloudEventCodec.header(record.headers(), CloudEventCodec.HEADER_TYPE);
        if (!EventType.DELIVERY_STATUS_CHANGED.ceType().equals(type)) {
            // Channel errors and other status events are not receipts of a send.
            return Uni.createFrom().voidItem();
        }
        return policy.handleReactive("receipts", record, () -> merge(read(record)));
    }

    private static DeliveryStatusChanged read(ConsumerRecord<String, byte[]> record) {
        DeliveryStatusChanged receipt = (DeliveryStatusChanged) CloudEventCodec.read(EventType.DELIVERY_STATUS_CHANGED,
                record.value());
        RecordChecks.id("eventId", receipt.eventId());
        // The account scopes the message id: without it a receipt could match another account's delivery.
        RecordChecks.id("channelAccountId", receipt.channelAccountId());
        RecordChecks.optionalId("externalMessageId", receipt.externalMessageId());
        RecordChecks.optionalId("conversationKey", receipt.conversationKey());
        if (receipt.channel() == null || receipt.status() == null) {
            throw new PoisonRecordException("channel or status missing");
        }
        return receipt;
    }

    /**
     * Merges a receipt; one for a message id no delivery has yet is kept ({@link PendingReceipts}) until the send is
     * recorded. Keep, then look again: either this second look sees the send, or the send's own look
     * ({@link #onSendRecorded}) sees the kept receipt, whatever their order.
     */
    Uni<Void> merge(DeliveryStatusChanged receipt) {
        if (receipt.externalMessageId() == null) {
            return apply(receipt);
        }
        String channel = receipt.channel().wireName();
        String account = receipt.channelAccountId();
        return deliveries.knows(channel, account, receipt.externalMessageId()).chain(known -> known ? apply(receipt)
                : pending.keep(receipt).chain(() -> deliveries.knows(channel, account, receipt.externalMessageId()))
                        .chain(knownNow -> knownNow ? apply(receipt) : Uni.createFrom().voidItem()));
    }

    /** A send was recorded: the receipts that came before it are merged now, then no longer kept. */
    void onSendRecorded(@Observes Conclusions.SendRecorded sent) {
        for (PendingReceipts.Pending early : pending.of(sent.channel(), sent.channelAccountId(),
                sent.channelMessageId()).await().atMost(TIMEOUT)) {
            apply(early.receipt()).chain(() -> pending.applied(early.id())).await().atMost(TIMEOUT);
        }
    }

    private Uni<Void> apply(DeliveryStatusChanged receipt) {
        boolean failed = receipt.status() == DeliveryState.FAILED;
        int rank = receipt.status().rank();
        Uni<List<DeliveryRow>> moved;
        if (receipt.externalMessageId() != null) {
            moved = deliveries.movedBy(receipt.channel().wireName(), receipt.channelAccountId(),
                    receipt.externalMessageId(), rank, failed);
        } else if (receipt.watermark() != null && !failed) {
            moved = deliveries.movedByWatermark(receipt.conversationKey(), receipt.watermark(), rank);
        } else {
            return Uni.createFrom().voidItem();
        }
        boolean closesWindow = failed && receipt.errors().stream().anyMatch(error -> error.code() == WINDOW_CLOSED);
        // Publish, then record: a crash in between publishes the same event ids again, which consumers drop.
        return moved.onItem().transformToMulti(rows -> Multi.createFrom().iterable(rows))
                .onItem().transformToUniAndConcatenate(row -> (closesWindow
                        ? windows.recordClosed(row.conversationKey(), row.channel(), Instant.now())
                        : Uni.createFrom().voidItem())
                        .chain(() -> publisher.publish(progressed(row, receipt)))
                        .chain(() -> failed ? publisher.publish(failure(row, receipt)) : Uni.createFrom().voidItem())
                        .chain(() -> deliveries.advance(row.idempotencyKey(), rank, failed)))
                .collect().last().replaceWithVoid();
    }

    /**
     * A failure the channel reported after accepting the message (WhatsApp reports 131047, 131026, 131049 … mostly
     * this way) is reported like a refusal at send time, so the agent learns the same: what failed and what to do.
     */
    private static DeliveryFailed failure(DeliveryRow row, DeliveryStatusChanged receipt) {
        Channel channel = Channel.fromWireName(row.channel());
        ChannelError error = receipt.errors().isEmpty() ? null : receipt.errors().get(0);
        Classification classification = error == null ? null
                : channel == Channel.WHATSAPP ? ErrorTable.whatsapp(error.code(), 400)
                : channel == Channel.SMS ? TwilioErrors.classify(error.code(), 0)
                : ErrorTable.graph(error.code(), error.subcode(), 400);
        FailureCategory category = classification == null ? FailureCategory.RECIPIENT_UNREACHABLE
                : classification.category();
        String said = error == null ? null : error.details() != null ? error.details()
                : error.message() != null ? error.message() : error.title();
        String reason = (classification == null ? "The channel reported the message as not delivered"
                : classification.reason()) + (said == null ? "" : " (channel: " + said + ")");
        return new DeliveryFailed(row.idempotencyKey() + ":failed", row.idempotencyKey(), channel,
                row.channelAccountId(), row.conversationKey(), category, error == null ? null : error.code(),
                error == null ? null : error.subcode(), null, reason,
                category == FailureCategory.WINDOW_CLOSED && channel == Channel.WHATSAPP, true, row.attempts(),
                receipt.occurredAt());
    }

    private static DeliveryProgressed progressed(DeliveryRow row, DeliveryStatusChanged receipt) {
        return new DeliveryProgressed(row.idempotencyKey() + ":" + receipt.status().wireName(), row.idempotencyKey(),
                Channel.fromWireName(row.channel()), row.channelAccountId(), row.conversationKey(),
                row.channelMessageId(), receipt.status(), receipt.errors(), receipt.occurredAt());
    }
}
