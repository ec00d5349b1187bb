package io.switchboard.ingress.meta;

import static io.switchboard.ingress.Webhooks.postMeta;
import static io.switchboard.testing.KafkaTestClient.header;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.UUID;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.switchboard.events.CallEnded;
import io.switchboard.events.CallOutcome;
import io.switchboard.events.CloudEventCodec;
import io.switchboard.events.EventType;
import io.switchboard.events.Topics;
import io.switchboard.testing.KafkaResource;
import io.switchboard.testing.KafkaTestClient;

/** Calling API webhooks through the running service and the real broker: events out, copies dropped. */
@QuarkusTest
@QuarkusTestResource(KafkaResource.class)
class CallWebhooksTest {

    private static final Duration SETTLE = Duration.ofSeconds(30);

    private final KafkaTestClient kafka = new KafkaTestClient();

    @AfterEach
    void close() {
        kafka.close();
    }

    @Test
    void connectAndTerminateBecomeCallEventsOfTheCallersConversationAndARedeliveryIsDropped() {
        String callId = "wacid." + UUID.randomUUID();
        String phone = "1650" + (1_000_000 + (int) (Math.random() * 8_000_000));
        String key = "wa:106540352242922:" + phone;
        byte[] connect = call(callId, phone, "\"event\":\"connect\",\"timestamp\":\"1765012800\"");
        byte[] terminate = call(callId, phone, "\"event\":\"terminate\",\"timestamp\":\"1765012845\","
                + "\"status\":\"COMPLETED\"");

        postMeta(connect).then().statusCode(200);
        postMeta(terminate).then().statusCode(200);
        postMeta(terminate).then().statusCode(200);

        List<ConsumerRecord<String, byte[]>> events = kafka.awaitRecords(Topics.INBOUND, 2,
                r -> key.equals(r.key()), SETTLE);
        assertThat(events).extracting(r -> header(r, "ce_type")).containsExactly(
                EventType.CALL_RECEIVED.ceType(), EventType.CALL_ENDED.ceType());
        CallEnded ended = (CallEnded) CloudEventCodec.read(EventType.CALL_ENDED, events.get(1).value());
        assertThat(ended.outcome()).isEqualTo(CallOutcome.MISSED);
        assertThat(ended.eventId()).isEqualTo("wa:call:" + callId + ":terminate");

        // A later event of the same conversation is out: the redelivered terminate would be too.
        String later = "wacid." + UUID.randomUUID();
        postMeta(call(later, phone, "\"event\":\"connect\",\"timestamp\":\"1765013000\"")).then().statusCode(200);
        kafka.awaitRecords(Topics.INBOUND, 1, r -> ("wa:call:" + later + ":connect").equals(header(r, "ce_id")),
                SETTLE);
        assertThat(kafka.readAll(Topics.INBOUND)).filteredOn(r -> key.equals(r.key()))
                .extracting(r -> header(r, "ce_id")).containsExactly("wa:call:" + callId + ":connect",
                        "wa:call:" + callId + ":terminate", "wa:call:" + later + ":connect");
    }

    private static byte[] call(String callId, String phone, String members) {
        return ("{\"object\":\"whatsapp_business_account\",\"entry\":[{\"id\":\"102290129340398\",\"changes\":[{"
                + "\"field\":\"calls\",\"value\":{\"messaging_product\":\"whatsapp\",\"metadata\":{"
                + "\"display_phone_number\":\"15550783881\",\"phone_number_id\":\"106540352242922\"},"
                + "\"contacts\":[{\"profile\":{\"name\":\"Caller\"},\"wa_id\":\"" + phone + "\"}],"
                + "\"calls\":[{\"id\":\"" + callId + "\",\"from\":\"" + phone + "\",\"to\":\"15550783881\","
                + "\"direction\":\"USER_INITIATED\"," + members + "}]}}]}]}").getBytes(StandardCharsets.UTF_8);
    }
}
