package io.switchboard.ingress.normalize;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serializer;

import io.switchboard.events.CloudEventCodec;
import io.switchboard.events.EventType;
import io.switchboard.events.ConversationEvent;

/**
 * Carries events through the topology's internal repartition topic: the CloudEvent type, a newline, the JSON. The
 * public topics get proper CloudEvent headers instead (see {@link DedupeProcessor}).
 */
final class EventSerde implements Serde<ConversationEvent> {

    @Override
    public Serializer<ConversationEvent> serializer() {
        return (topic, event) -> {
            if (event == null) {
                return null;
            }
            byte[] type = (event.eventType().ceType() + "\n").getBytes(StandardCharsets.UTF_8);
            byte[] json = CloudEventCodec.data(event);
            byte[] out = Arrays.copyOf(type, type.length + json.length);
            System.arraycopy(json, 0, out, type.length, json.length);
            return out;
        };
    }

    @Override
    public Deserializer<ConversationEvent> deserializer() {
        return (topic, data) -> {
            if (data == null) {
                return null;
            }
            int newline = 0;
            while (data[newline] != '\n') {
                newline++;
            }
            EventType type = EventType.fromCeType(new String(data, 0, newline, StandardCharsets.UTF_8));
            return (ConversationEvent) CloudEventCodec.read(type, Arrays.copyOfRange(data, newline + 1, data.length));
        };
    }
}
