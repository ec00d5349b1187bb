package io.switchboard.ingress.normalize;

import static io.switchboard.testing.KafkaTestClient.header;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.function.UnaryOperator;

import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsConfig;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.switchboard.events.Topics;
import io.switchboard.ingress.Webhooks;
import io.switchboard.testing.KafkaResource;
import io.switchboard.testing.KafkaTestClient;

/**
 * A redelivery is dropped also after the service restarted on a machine without its local state: the ids it has
 * seen, and the custom source requests it has accepted, come back from the changelogs. Runs the real topology against
 * the real broker, on topics of its own.
 */
class NormalizationRestartTest {

    private final String run = "restart-" + UUID.randomUUID().toString().substring(0, 8);
    private final UnaryOperator<String> topics = name -> run + "." + name;
    private final KafkaTestClient kafka = new KafkaTestClient();
    private KafkaStreams streams;

    @AfterEach
    void stop() {
        if (streams != null) {
            streams.close(Duration.ofSeconds(10));
        }
        kafka.close();
    }

    @Test
    void aRedeliveryAfterARestartWithWipedStateIsStillDropped() throws Exception {
        KafkaResource.createTopics(3, topics.apply(Topics.RAW_WEBHOOKS), topics.apply(Topics.INBOUND),
                topics.apply(Topics.STATUS), topics.apply(Topics.INGRESS_DEAD_LETTER));
        String first = "wa:wamid.HBgLMTY1MDM4Nzk0MzkVAgASGBQzQTRBNjU5OUFFRTAzODEwMTQ0RgA=";

        streams = start(Files.createDirectories(Path.of("target", "streams-state", run, "first-pod")));
        produceRaw(Webhooks.vector("wa_01_text.json"));
        kafka.awaitRecords(topics.apply(Topics.INBOUND), 1, r -> first.equals(header(r, "ce_id")),
                Duration.ofSeconds(60));
        streams.close(Duration.ofSeconds(30));

        // A new pod: same application, empty state directory.
        streams = start(Files.createDirectories(Path.of("target", "streams-state", run, "second-pod")));
        produceRaw(Webhooks.vector("wa_37_duplicate_of_wa_01.json"));
        String sentinel = Webhooks.uniqueWamid();
        produceRaw(Webhooks.whatsappText(sentinel, "16505551234", "after the restart"));

        kafka.awaitRecords(topics.apply(Topics.INBOUND), 1, r -> ("wa:" + sentinel).equals(header(r, "ce_id")),
                Duration.ofSeconds(90));
        assertThat(kafka.readAll(topics.apply(Topics.INBOUND)))
                .filteredOn(r -> first.equals(header(r, "ce_id"))).hasSize(1);
    }

    @Test
    void aCustomRequestStoredAgainAfterARestartIsDroppedAndAReusedKeyIsDeadLettered() throws Exception {
        KafkaResource.createTopics(3, topics.apply(Topics.RAW_WEBHOOKS), topics.apply(Topics.INBOUND),
                topics.apply(Topics.STATUS), topics.apply(Topics.INGRESS_DEAD_LETTER));
        String id = UUID.randomUUID().toString();
        byte[] first = customMessage("a-" + id);

        streams = start(Files.createDirectories(Path.of("target", "streams-state", run, "first-pod")));
        produceCustom("req-" + id, first);
        kafka.awaitRecords(topics.apply(Topics.INBOUND), 1, r -> ("custom:acme:a-" + id).equals(header(r, "ce_id")),
                Duration.ofSeconds(60));
        streams.close(Duration.ofSeconds(30));

        // A new pod without local state; the same request stored again (another replica answered it), then another
        // body under the same key (its event id is new, so only the request ledger can tell).
        streams = start(Files.createDirectories(Path.of("target", "streams-state", run, "second-pod")));
        produceCustom("req-" + id, first);
        produceCustom("req-" + id, customMessage("b-" + id));
        produceCustom("sentinel-" + id, customMessage("s-" + id));

        kafka.awaitRecords(topics.apply(Topics.INBOUND), 1, r -> ("custom:acme:s-" + id).equals(header(r, "ce_id")),
                Duration.ofSeconds(90));
        assertThat(kafka.readAll(topics.apply(Topics.INBOUND))).extracting(r -> header(r, "ce_id"))
                .filteredOn(ceId -> ceId.endsWith(id)).containsExactlyInAnyOrder("custom:acme:a-" + id,
                        "custom:acme:s-" + id);
        assertThat(kafka.awaitRecords(topics.apply(Topics.INGRESS_DEAD_LETTER), 1,
                r -> KafkaTestClient.text(r).contains("b-" + id), Duration.ofSeconds(30)).get(0))
                .satisfies(letter -> assertThat(header(letter, "sb_dlq_reason"))
                        .contains("req-" + id).contains("used before with another body"));
    }

    private static byte[] customMessage(String eventId) {
        return ("{\"event_id\":\"" + eventId + "\",\"type\":\"message\",\"occurred_at\":\"2026-11-25T10:00:00Z\","
                + "\"conversation\":{\"external_id\":\"conv-" + eventId + "\"},\"user\":{\"external_id\":\"u\"},"
                + "\"message\":{\"external_id\":\"m-" + eventId + "\",\"text\":\"hi\"}}")
                .getBytes(java.nio.charset.StandardCharsets.UTF_8);
    }

    private void produceCustom(String idempotencyKey, byte[] body) {
        kafka.produce(topics.apply(Topics.RAW_WEBHOOKS), "custom:acme", body, Map.of("sb_channel", "custom",
                "sb_source", "acme", "sb_received_at", Instant.now().toString(), "sb_idempotency_key",
                idempotencyKey));
    }

    private KafkaStreams start(Path stateDir) {
        Properties props = new Properties();
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, run);
        props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, KafkaResource.bootstrapServers());
        props.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
        props.put(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, 100);
        props.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString());
        props.put(StreamsConfig.consumerPrefix("session.timeout.ms"), 10000);
        KafkaStreams started = new KafkaStreams(NormalizationTopology.build(Duration.ofDays(8),
                new NormalizationMetrics(new SimpleMeterRegistry()), "ingress-service", topics), props);
        started.start();
        Awaitility.await().atMost(Duration.ofSeconds(60)).until(() -> started.state() == KafkaStreams.State.RUNNING);
        return started;
    }

    private void produceRaw(byte[] body) {
        Instant now = Instant.now();
        kafka.produce(topics.apply(Topics.RAW_WEBHOOKS), "whatsapp:102290129340398", body,
                Map.of("sb_channel", "whatsapp", "sb_source", "default", "sb_received_at", now.toString()));
    }
}
