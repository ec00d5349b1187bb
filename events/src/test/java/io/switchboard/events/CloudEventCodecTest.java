package io.switchboard.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.format.DateTimeFormatter;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Set;
import java.util.stream.Stream;

import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

import com.fasterxml.jackson.databind.JsonNode;

/** Every event survives the trip to a Kafka record and back, with the CloudEvent attributes in its headers. */
class CloudEventCodecTest {

    private static final String SOURCE = "/switchboard/codec-test";

    /**
     * What the codec cannot do without: the event id and the record key (the conversation key, the agent id of agent
     * events, the queue id of queue events, a command's channel and account); everything else may be absent.
     */
    private static final Set<String> CODEC_NEEDS = Set.of("eventId", "conversationKey", "agentId", "erasureId",
            "channel", "channelAccountId", "queueId");

    @TestFactory
    Stream<DynamicTest> fullEventRoundTrips() {
        return Arrays.stream(EventType.values()).map(type -> DynamicTest.dynamicTest(type.name(),
                () -> assertRoundTrip(type, Samples.full(type.recordType()))));
    }

    @TestFactory
    Stream<DynamicTest> sparseEventRoundTrips() {
        return Arrays.stream(EventType.values()).map(type -> DynamicTest.dynamicTest(type.name(), () -> {
            SwitchboardEvent sparse = Samples.build(type.recordType(),
                    (record, component) -> CODEC_NEEDS.contains(component.getName()));
            ProducerRecord<String, byte[]> record = assertRoundTrip(type, sparse);

            // No occurredAt, no ce_time; and NON_EMPTY leaves only the filled fields and primitives in the body.
            assertThat(record.headers().lastHeader(CloudEventCodec.HEADER_TIME)).isNull();
            Set<String> allowed = new HashSet<>(CODEC_NEEDS);
            Arrays.stream(type.recordType().getRecordComponents())
                    .filter(component -> component.getType().isPrimitive())
                    .forEach(component -> allowed.add(component.getName()));
            JsonNode body = CloudEventCodec.JSON.readTree(record.value());
            body.fieldNames().forEachRemaining(field -> assertThat(allowed)
                    .as("%s written for a sparse %s: %s", field, type, body).contains(field));
        }));
    }

    @Test
    void readRejectsARecordWithoutCeType() {
        assertThatThrownBy(() -> CloudEventCodec.read(new RecordHeaders(), "{}".getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(CloudEventCodec.HEADER_TYPE);
    }

    /** A command is keyed by its sender (one partition, one owner per sender); its subject stays the conversation. */
    @Test
    void aCommandIsKeyedBySenderAndAboutItsConversation() {
        ReplyRequested command = new ReplyRequested("cmd-1", Channel.WHATSAPP, "106540352242922",
                "wa:106540352242922:16505551234", new ReplyRequested.Recipient("16505551234", "+16505551234", null,
                        null), null, null, ReplyContent.text("hi"), null);

        ProducerRecord<String, byte[]> record = CloudEventCodec.toRecord(command, SOURCE);

        assertThat(record.key()).isEqualTo("whatsapp:106540352242922").isEqualTo(command.senderKey());
        assertThat(single(record.headers(), CloudEventCodec.HEADER_SUBJECT))
                .isEqualTo("wa:106540352242922:16505551234");
    }

    @Test
    void readRejectsAnUnknownCeType() {
        RecordHeaders headers = new RecordHeaders();
        headers.add(CloudEventCodec.HEADER_TYPE, "switchboard.nothing.happened".getBytes(StandardCharsets.UTF_8));
        assertThatThrownBy(() -> CloudEventCodec.read(headers, "{}".getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("switchboard.nothing.happened");
    }

    private static ProducerRecord<String, byte[]> assertRoundTrip(EventType type, SwitchboardEvent event) {
        ProducerRecord<String, byte[]> record = CloudEventCodec.toRecord(event, SOURCE);

        assertThat(record.topic()).isEqualTo(type.topic());
        assertThat(record.key()).isEqualTo(event.recordKey());
        Headers headers = record.headers();
        assertThat(single(headers, CloudEventCodec.HEADER_SPEC_VERSION)).isEqualTo("1.0");
        assertThat(single(headers, CloudEventCodec.HEADER_ID)).isEqualTo(event.eventId());
        assertThat(single(headers, CloudEventCodec.HEADER_SOURCE)).isEqualTo(SOURCE);
        assertThat(single(headers, CloudEventCodec.HEADER_TYPE)).isEqualTo(type.ceType());
        assertThat(single(headers, CloudEventCodec.HEADER_SUBJECT)).isEqualTo(event.subject());
        assertThat(single(headers, CloudEventCodec.HEADER_CONTENT_TYPE)).isEqualTo("application/json");
        if (event.occurredAt() != null) {
            assertThat(single(headers, CloudEventCodec.HEADER_TIME))
                    .isEqualTo(DateTimeFormatter.ISO_INSTANT.format(event.occurredAt()));
        }

        SwitchboardEvent back = CloudEventCodec.read(headers, record.value());
        assertThat(back).isInstanceOf(type.recordType()).isEqualTo(event);
        assertThat(back.eventType()).isEqualTo(type);
        return record;
    }

    /** The header's value, asserting it is there exactly once (a duplicate would make lastHeader ambiguous). */
    private static String single(Headers headers, String name) {
        assertThat(headers.headers(name)).as("header %s", name).hasSize(1);
        return CloudEventCodec.header(headers, name);
    }
}
