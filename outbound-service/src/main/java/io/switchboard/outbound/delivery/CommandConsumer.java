package io.switchboard.outbound.delivery;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicInteger;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.jboss.logging.Logger;

import io.opentelemetry.context.Context;
import io.smallrye.reactive.messaging.TracingMetadata;
import io.smallrye.reactive.messaging.kafka.api.IncomingKafkaRecordMetadata;
import io.switchboard.events.CloudEventCodec;
import io.switchboard.events.EventType;
import io.switchboard.events.FailureCategory;
import io.switchboard.events.ReplyRequested;
import io.switchboard.outbound.config.OutboundConfig;

/**
 * Reads {@code switchboard.outbound.v1} ({@code read_committed}) and hands each command to the
 * {@link DeliveryProcessor}, one at a time per conversation. A record is acknowledged when its command has a durable
 * result; the throttled commit strategy commits an offset only when every record before it is acknowledged, so a
 * restart redelivers whatever was unfinished, and the deliveries table keeps redeliveries from being sent again.
 */
@ApplicationScoped
public class CommandConsumer {

    private static final Logger LOG = Logger.getLogger(CommandConsumer.class);

    private final DeliveryProcessor processor;
    private final ResultPublisher publisher;
    private final int maxInFlight;
    private final PerKeyQueue queue = new PerKeyQueue();
    private final AtomicInteger inFlight = new AtomicInteger();

    public CommandConsumer(DeliveryProcessor processor, ResultPublisher publisher, OutboundConfig config) {
        this.processor = processor;
        this.publisher = publisher;
        this.maxInFlight = config.maxInFlight();
    }

    @Incoming("commands")
    @SuppressWarnings("unchecked")
    public CompletionStage<Void> onCommand(Message<byte[]> message) {
        IncomingKafkaRecordMetadata<String, byte[]> record = message.getMetadata(IncomingKafkaRecordMetadata.class)
                .orElseThrow(() -> new IllegalStateException("not a Kafka record"));
        Command command;
        try {
            command = new Command(read(record, message.getPayload()), record.getKey(), message.getPayload(),
                    record.getHeaders());
        } catch (RuntimeException e) {
            return CompletableFuture.runAsync(() -> publisher.deadLetterAndWait(record.getKey(), message.getPayload(),
                    record.getHeaders(), "Not a readable command: " + e.getMessage(),
                    FailureCategory.NOT_SUPPORTED.wireName(), null))
                    .handle((ignored, failure) -> failure == null ? message.ack() : message.nack(failure))
                    .thenCompose(ack -> ack);
        }
        inFlight.incrementAndGet();
        // The command's trace goes with it to the worker that sends it: the channel call is its child (ADR 0011).
        Context trace = TracingMetadata.fromMessage(message).map(TracingMetadata::getCurrentContext)
                .orElseGet(Context::current);
        CompletableFuture<Void> done = queue.submit(command.event().conversationKey(),
                trace.wrapSupplier(() -> processor.process(command)))
                .handle((ignored, failure) -> {
                    if (failure == null) {
                        return message.ack();
                    }
                    // Only at shutdown (the workers are gone). Unacknowledged, the record is read again after the
                    // restart and resumes from the state in the database.
                    LOG.warnf("command %s interrupted: %s", command.event().eventId(), failure.toString());
                    return CompletableFuture.<Void>completedFuture(null);
                })
                .thenCompose(ack -> ack)
                .whenComplete((ignored, failure) -> inFlight.decrementAndGet());
        // Back-pressure: past the limit, the next record is read only when this one is done.
        return inFlight.get() > maxInFlight ? done : CompletableFuture.completedFuture(null);
    }

    private static ReplyRequested read(IncomingKafkaRecordMetadata<String, byte[]> record, byte[] value) {
        String type = CloudEventCodec.header(record.getHeaders(), CloudEventCodec.HEADER_TYPE);
        if (!EventType.REPLY_REQUESTED.ceType().equals(type)) {
            throw new IllegalArgumentException("ce_type " + type + " is not " + EventType.REPLY_REQUESTED.ceType());
        }
        return (ReplyRequested) CloudEventCodec.read(EventType.REPLY_REQUESTED, value);
    }
}
