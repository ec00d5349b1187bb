package io.switchboard.ingress.normalize;

import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serializer;

import io.switchboard.events.CloudEventCodec;
import io.switchboard.events.SwitchboardEvent;

/** The value of a public event record: the JSON data of a binary-mode CloudEvent, its type in the headers. */
final class CloudEventSerde implements Serde<SwitchboardEvent> {

    @Override
    public Serializer<SwitchboardEvent> serializer() {
        return (topic, event) -> event == null ? null : CloudEventCodec.data(event);
    }

    @Override
    public Deserializer<SwitchboardEvent> deserializer() {
        return new Deserializer<>() {
            @Override
            public SwitchboardEvent deserialize(String topic, byte[] data) {
                throw new IllegalStateException("a CloudEvent needs its headers to be read");
            }

            @Override
            public SwitchboardEvent deserialize(String topic, Headers headers, byte[] data) {
                return data == null ? null : CloudEventCodec.read(headers, data);
            }
        };
    }
}
