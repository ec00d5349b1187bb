package io.switchboard.ingress.meta;

import static io.switchboard.ingress.Webhooks.postMeta;
import static io.switchboard.testing.KafkaTestClient.header;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.switchboard.events.DeliveryStatusChanged;
import io.switchboard.events.MessageReceived;
import io.switchboard.events.ConversationEvent;
import io.switchboard.ingress.Webhooks;
import io.switchboard.ingress.custom.CustomSourceNormalizer;
import io.switchboard.ingress.normalize.ChannelNormalizer;
import io.switchboard.ingress.normalize.WebhookContext;
import io.switchboard.ingress.whatsapp.WhatsAppNormalizer;
import io.switchboard.testing.KafkaResource;
import io.switchboard.testing.KafkaTestClient;

/**
 * Every Meta sample payload in the test resources, posted signed with the test app secret, comes out of the real pipeline as
 * exactly the events its channel's normalizer makes of it (whose fields the normalizer tests pin down), each once,
 * on the topic of its type, keyed by its conversation. A few are also checked field by field end to end.
 */
@QuarkusTest
@QuarkusTestResource(KafkaResource.class)
class ChannelVectorsTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final KafkaTestClient kafka = new KafkaTestClient();

    @AfterEach
    void close() {
        kafka.close();
    }

    @Test
    void everyVectorIsAcceptedSignedAndPublishedAsItsEvents() throws Exception {
        List<String> vectors = Webhooks.vectorNames();
        assertThat(vectors).hasSizeGreaterThanOrEqualTo(30);

        Map<String, ConversationEvent> expected = new LinkedHashMap<>();
        for (String vector : vectors) {
            byte[] body = Webhooks.vector(vector);
            postMeta("/webhooks/meta", body, Webhooks.sign(body)).then().statusCode(200);
            for (ConversationEvent event : normalizerFor(vector).normalize(JSON.readTree(body),
                    new WebhookContext("default", Instant.EPOCH, null)).events()) {
                expected.putIfAbsent(event.eventId(), event);
            }
        }
        assertThat(expected).hasSizeGreaterThanOrEqualTo(30);

        List<ConsumerRecord<String, byte[]>> published = new ArrayList<>();
        for (String topic : expected.values().stream().map(e -> e.eventType().topic()).distinct()
                .collect(Collectors.toList())) {
            long count = expected.values().stream().filter(e -> e.eventType().topic().equals(topic)).count();
            published.addAll(kafka.awaitRecords(topic, (int) count,
                    r -> expected.containsKey(header(r, "ce_id")), Duration.ofSeconds(60)));
        }
        for (ConsumerRecord<String, byte[]> record : published) {
            ConversationEvent event = expected.get(header(record, "ce_id"));
            assertThat(record.key()).as(event.eventId()).isEqualTo(event.conversationKey());
            assertThat(header(record, "ce_type")).as(event.eventId()).isEqualTo(event.eventType().ceType());
        }
        assertThat(published).extracting(r -> header(r, "ce_id")).doesNotHaveDuplicates()
                .containsExactlyInAnyOrderElementsOf(expected.keySet());
    }

    @Test
    void textImageAndStatusVectorsArriveWithTheirExactFields() {
        postMeta(Webhooks.vector("wa_05_image.json")).then().statusCode(200);
        postMeta(Webhooks.vector("wa_33_status_failed_131047.json")).then().statusCode(200);

        ConsumerRecord<String, byte[]> image = kafka.awaitRecords("switchboard.inbound.v1", 1,
                r -> "wa:wamid.HBgLMTY1MDM4Nzk0MzkVAgASGBQ0RjE5QzQ4MEI0RkE0QjhGQjY1AA==".equals(header(r, "ce_id")))
                .get(0);
        MessageReceived received = (MessageReceived) io.switchboard.events.CloudEventCodec.read(image.headers(),
                image.value());
        assertThat(image.key()).isEqualTo("wa:106540352242922:16505551234");
        assertThat(received.content().text()).isEqualTo("Is this the right part?");
        assertThat(received.content().media()).singleElement().satisfies(media -> {
            assertThat(media.mediaId()).isEqualTo("65463453");
            assertThat(media.mimeType()).isEqualTo("image/jpeg");
            assertThat(media.sha256()).isEqualTo("4654+8g=");
        });
        assertThat(received.occurredAt()).isEqualTo(Instant.ofEpochSecond(1697043379));

        ConsumerRecord<String, byte[]> failed = kafka.awaitRecords("switchboard.status.v1", 1,
                r -> header(r, "ce_id") != null && header(r, "ce_id").endsWith(":failed")
                        && header(r, "ce_id").contains("wamid.HBgNN5NzAzMDkTUyNzkzNhUEjA1MjUwNCAUIyNEYUQ0OTVGNTY0MwA="))
                .get(0);
        DeliveryStatusChanged status = (DeliveryStatusChanged) io.switchboard.events.CloudEventCodec
                .read(failed.headers(), failed.value());
        assertThat(status.errors()).singleElement().satisfies(error -> assertThat(error.code()).isEqualTo(131047));
        assertThat(status.recipientId()).isEqualTo("16505551234");
        assertThat(header(failed, "ce_type")).isEqualTo("switchboard.delivery.status-changed");
    }

    private static ChannelNormalizer normalizerFor(String file) {
        if (file.startsWith("wa_")) {
            return new WhatsAppNormalizer();
        }
        if (file.startsWith("fb_") || file.startsWith("ig_")) {
            return new MessagingNormalizer();
        }
        return new CustomSourceNormalizer();
    }
}
