package io.switchboard.ingress.webhook;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.reactive.messaging.Message;
import org.eclipse.microprofile.reactive.messaging.OnOverflow;

import io.opentelemetry.context.Context;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.TracingMetadata;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import io.switchboard.ingress.config.IngressConfig;

/**
 * Puts a raw webhook on the raw topic and completes only when Kafka has acknowledged it ({@code acks=all},
 * idempotent producer): the moment a channel may be told 200.
 */
@ApplicationScoped
public class RawWebhookPublisher {

    public static final String CHANNEL = "raw-webhooks";

    private final MutinyEmitter<byte[]> emitter;
    private final IngressConfig config;

    // The buffer bounds memory while Kafka is slow; when it is full, sends fail at once and callers answer 503.
    public RawWebhookPublisher(@org.eclipse.microprofile.reactive.messaging.Channel(CHANNEL)
            @OnOverflow(value = OnOverflow.Strategy.BUFFER, bufferSize = 8192) MutinyEmitter<byte[]> emitter,
            IngressConfig config) {
        this.emitter = emitter;
        this.config = config;
    }

    /** Completes when Kafka acknowledged the record; fails when it did not within the acknowledgement timeout. */
    public Uni<Void> publish(RawWebhook webhook) {
        OutgoingKafkaRecordMetadata<String> metadata = OutgoingKafkaRecordMetadata.<String>builder()
                .withKey(webhook.key())
                .withHeaders(webhook.headers())
                .build();
        // The request's span, taken here: the connector may send from its buffer on another thread, and the raw
        // record's traceparent is where the message's trace continues (ADR 0011).
        Message<byte[]> message = Message.of(webhook.body()).addMetadata(metadata)
                .addMetadata(TracingMetadata.withCurrent(Context.current()));
        return Uni.createFrom().deferred(() -> emitter.sendMessage(message))
                .ifNoItem().after(config.ackTimeout()).fail();
    }
}
