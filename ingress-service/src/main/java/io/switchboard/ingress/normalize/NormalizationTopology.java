package io.switchboard.ingress.normalize;

import java.time.Duration;
import java.util.Map;
import java.util.function.UnaryOperator;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;

import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.kstream.Repartitioned;
import org.apache.kafka.streams.state.Stores;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import io.switchboard.events.ConversationEvent;
import io.switchboard.events.Topics;
import io.switchboard.ingress.config.IngressConfig;

/**
 * raw webhooks → (custom sources: drop a repeated request, dead-letter a reused idempotency key) → normalize →
 * (dead letters | repartition by conversation → deduplicate → inbound / status).
 * Runs with exactly-once processing: an event, its dedupe entry and the raw offset commit together, so a crash
 * neither loses nor repeats an event.
 */
@ApplicationScoped
public class NormalizationTopology {

    private final IngressConfig config;
    private final NormalizationMetrics metrics;
    private final Normalizers normalizers;
    private final String service;

    public NormalizationTopology(IngressConfig config, NormalizationMetrics metrics, Normalizers normalizers,
            @ConfigProperty(name = "quarkus.application.name") String service) {
        this.config = config;
        this.metrics = metrics;
        this.normalizers = normalizers;
        this.service = service;
    }

    @Produces
    public Topology topology() {
        return build(normalizers.byChannel(), config.dedupeHorizon(), config.custom().idempotencyHorizon(), metrics,
                service, UnaryOperator.identity());
    }

    /** The topology with the default idempotency horizon of custom source requests (one day). */
    public static Topology build(Duration dedupeHorizon, NormalizationMetrics metrics, String service,
            UnaryOperator<String> topics) {
        return build(dedupeHorizon, Duration.ofDays(1), metrics, service, topics);
    }

    /**
     * The topology. Tests that run it outside Quarkus (a restart with its state wiped) rename its topics so they do
     * not share them with the service under test.
     */
    public static Topology build(Duration dedupeHorizon, Duration idempotencyHorizon, NormalizationMetrics metrics,
            String service, UnaryOperator<String> topics) {
        return build(Normalizers.standard(), dedupeHorizon, idempotencyHorizon, metrics, service, topics);
    }

    static Topology build(Map<String, ChannelNormalizer> normalizers, Duration dedupeHorizon,
            Duration idempotencyHorizon, NormalizationMetrics metrics, String service, UnaryOperator<String> topics) {
        StreamsBuilder builder = new StreamsBuilder();
        builder.addStateStore(Stores.windowStoreBuilder(
                Stores.persistentWindowStore(DedupeProcessor.STORE, dedupeHorizon, dedupeHorizon, false),
                Serdes.String(), Serdes.Long()));
        builder.addStateStore(Stores.windowStoreBuilder(
                Stores.persistentWindowStore(RequestLedger.STORE, idempotencyHorizon, idempotencyHorizon, false),
                Serdes.String(), Serdes.String()));

        KStream<String, Normalization> normalized = builder
                .stream(topics.apply(Topics.RAW_WEBHOOKS), Consumed.with(Serdes.String(), Serdes.ByteArray()))
                .process(() -> new NormalizeProcessor(normalizers, metrics, service, idempotencyHorizon),
                        Named.as("normalize"), RequestLedger.STORE);

        normalized.filterNot((key, result) -> result.isEvent(), Named.as("dead-letters"))
                .mapValues(result -> result.deadLetter().content())
                .to(topics.apply(Topics.INGRESS_DEAD_LETTER), Produced.with(Serdes.String(), Serdes.ByteArray()));

        normalized.filter((key, result) -> result.isEvent(), Named.as("events"))
                .<ConversationEvent>mapValues(Normalization::event)
                .repartition(Repartitioned.with(Serdes.String(), new EventSerde()).withName("by-conversation"))
                .process(() -> new DedupeProcessor(dedupeHorizon, metrics), Named.as("dedupe"), DedupeProcessor.STORE)
                .to((key, event, context) -> topics.apply(event.eventType().topic()),
                        Produced.with(Serdes.String(), new CloudEventSerde()));
        return builder.build();
    }
}
