package io.switchboard.ingress.normalize;

import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serializer;

import io.switchboard.events.CloudEventCodec;
import io.switchboard.events.ConversationEvent;

/** The value of a public event record: the JSON data of a binary-mode CloudEvent, its type in the headers. */
final class CloudEventSerde implements Serde<ConversationEvent> {

    @Override
    public Serializer<ConversationEvent> serializer() {
        return (topic, event) -> event == null ? null : CloudEventCodec.data(event);
    }

    @Override
    public Deserializer<ConversationEvent> deserializer() {
        return new Deserializer<>() {
            @Override
            public ConversationEvent deserialize(String topic, byte[] data) {
                throw new IllegalStateException("a CloudEvent needs its headers to be read");
            }

            @Override
            public ConversationEvent deserialize(String topic, Headers headers, byte[] data) {
                return data == null ? null : (ConversationEvent) CloudEventCodec.read(headers, data);
            }
        };
    }
}
