package io.switchboard.outbound.delivery;

import java.nio.charset.StandardCharsets;
import java.time.Instant;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;

import io.switchboard.events.CloudEventCodec;
import io.switchboard.events.DeliveryAccepted;
import io.switchboard.events.DeliveryFailed;
import io.switchboard.events.EventType;
import io.switchboard.events.FailureCategory;
import io.switchboard.events.OutboundResultEvent;
import io.switchboard.events.ReplyRequested;

/**
 * The one place a delivery ends. Each conclusion is a conditional write of the terminal state with its result
 * (whoever's write counts publishes), then the result on Kafka, then the dead letter for a command that failed for
 * good (a closed window is an answer the agent acts on, not a letter), then what follows from a recorded send (its
 * receipts that came early). Publishing after the commit means a crash in between leaves the record unacknowledged:
 * its redelivery finds the terminal row and {@link #republish}es the stored result with the same {@code ce_id}.
 */
@ApplicationScoped
public class Conclusions {

    /**
     * A send is recorded with its channel message id: receipts that arrived before it, through the same account, can
     * be applied now.
     */
    public record SendRecorded(String channel, String channelAccountId, String channelMessageId) {
    }

    private final DeliveryStore store;
    private final ResultPublisher publisher;
    private final DeliveryMetrics metrics;
    private final Event<SendRecorded> sendRecorded;
    private final DurableWrites writes;

    public Conclusions(DeliveryStore store, ResultPublisher publisher, DeliveryMetrics metrics,
            Event<SendRecorded> sendRecorded, DurableWrites writes) {
        this.writes = writes;
        this.store = store;
        this.publisher = publisher;
        this.metrics = metrics;
        this.sendRecorded = sendRecorded;
    }

    /** The channel accepted the call (the row is {@code PENDING}). */
    void accepted(Command command, int attempt, String channelMessageId) {
        ReplyRequested event = command.event();
        DeliveryAccepted accepted = new DeliveryAccepted(event.eventId() + ":accepted", event.eventId(),
                event.channel(), event.channelAccountId(), event.conversationKey(), channelMessageId, attempt,
                Instant.now());
        conclude(command, DeliveryState.PENDING, DeliveryState.SENT, channelMessageId, accepted);
    }

    /** The call may or may not have reached the customer: a person checks, nothing is sent again. */
    void unknown(Command command, int attempts, String reason) {
        conclude(command, DeliveryState.PENDING, DeliveryState.UNKNOWN, null,
                failure(command.event(), FailureCategory.OUTCOME_UNKNOWN, null, null, null, reason, false, false,
                        attempts));
    }

    /** The call (or its retries) failed: the row goes from {@code PENDING} to {@code FAILED}. */
    void failed(Command command, DeliveryFailed failure) {
        conclude(command, DeliveryState.PENDING, DeliveryState.FAILED, null, failure);
    }

    /**
     * Refused before any call of this attempt: a new {@code FAILED} row, or a waiting one ({@code RETRYING}) taken
     * and failed. False when another delivery of the command decided first.
     */
    boolean refused(Command command, boolean rowExists, DeliveryFailed failure) {
        ReplyRequested event = command.event();
        if (!rowExists) {
            if (!store.insertFailed(event, failure)) {
                return false;
            }
            announce(command, null, failure);
            return true;
        }
        return store.reclaim(event.eventId())
                && conclude(command, DeliveryState.PENDING, DeliveryState.FAILED, null, failure);
    }

    /** Found {@code PENDING}: a call was made (or about to be) when the service stopped. */
    boolean unknownAfterCrash(Command command, DeliveryRow row) {
        return conclude(command, DeliveryState.PENDING, DeliveryState.UNKNOWN, null, failure(command.event(),
                FailureCategory.OUTCOME_UNKNOWN, null, null, null, "The service stopped during the call to the "
                        + "channel; the message may have been sent: check the conversation before sending again",
                false, false, row.attempts()));
    }

    /** The stored result of a finished command, published again (same ce_id): the first publish may have been lost. */
    void republish(Command command, DeliveryRow row) {
        if (row.resultType() == null) {
            return;
        }
        OutboundResultEvent result = (OutboundResultEvent) CloudEventCodec.read(EventType.fromCeType(row.resultType()),
                row.resultJson().getBytes(StandardCharsets.UTF_8));
        publisher.publishAndWait(result);
        if (deadLettered(result)) {
            publisher.deadLetterAndWait(command, (DeliveryFailed) result);
        }
        if (row.state() == DeliveryState.SENT && row.channelMessageId() != null) {
            sendRecorded.fire(new SendRecorded(row.channel(), row.channelAccountId(), row.channelMessageId()));
        }
    }

    private boolean conclude(Command command, DeliveryState from, DeliveryState to, String channelMessageId,
            OutboundResultEvent result) {
        String key = command.event().eventId();
        if (!writes.write("the result of " + key, () -> store.finish(key, from, to, channelMessageId, result))) {
            return false;
        }
        announce(command, channelMessageId, result);
        return true;
    }

    private void announce(Command command, String channelMessageId, OutboundResultEvent result) {
        ReplyRequested event = command.event();
        if (result instanceof DeliveryFailed failure) {
            metrics.result(event.channel(), "failed", failure.category().wireName());
        } else {
            metrics.result(event.channel(), "accepted", null);
        }
        publisher.publishAndWait(result);
        if (deadLettered(result)) {
            publisher.deadLetterAndWait(command, (DeliveryFailed) result);
        }
        if (channelMessageId != null) {
            sendRecorded.fire(new SendRecorded(event.channel().wireName(), event.channelAccountId(),
                    channelMessageId));
        }
    }

    private static boolean deadLettered(OutboundResultEvent result) {
        return result instanceof DeliveryFailed failure && failure.category() != FailureCategory.WINDOW_CLOSED;
    }

    static DeliveryFailed failure(ReplyRequested event, FailureCategory category, Integer code, Integer subcode,
            Integer httpStatus, String reason, boolean templateRequired, boolean permanent, int attempts) {
        return new DeliveryFailed(event.eventId() + ":failed", event.eventId(), event.channel(),
                event.channelAccountId(), event.conversationKey(), category, code, subcode, httpStatus, reason,
                templateRequired, permanent, attempts, Instant.now());
    }
}
