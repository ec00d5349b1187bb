package io.switchboard.events;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.format.DateTimeFormatter;

import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;

/**
 * Writes and reads Switchboard events as CloudEvents 1.0 in Kafka binary mode: attributes in {@code ce_*} headers,
 * the record as the JSON value, {@link SwitchboardEvent#recordKey} as the Kafka key.
 */
public final class CloudEventCodec {

    public static final String SPEC_VERSION = "1.0";
    public static final String CONTENT_TYPE = "application/json";

    public static final String HEADER_SPEC_VERSION = "ce_specversion";
    public static final String HEADER_ID = "ce_id";
    public static final String HEADER_SOURCE = "ce_source";
    public static final String HEADER_TYPE = "ce_type";
    public static final String HEADER_TIME = "ce_time";
    public static final String HEADER_SUBJECT = "ce_subject";
    public static final String HEADER_CONTENT_TYPE = "content-type";

    /** The one JSON shape of events: ISO-8601 instants, nulls and empty collections left out, unknown fields ignored. */
    public static final ObjectMapper JSON = new ObjectMapper()
            .registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .setSerializationInclusion(JsonInclude.Include.NON_EMPTY);

    private CloudEventCodec() {
    }

    /** The record to produce: on the event type's topic, keyed by {@link SwitchboardEvent#recordKey}. */
    public static ProducerRecord<String, byte[]> toRecord(SwitchboardEvent event, String source) {
        return new ProducerRecord<>(event.eventType().topic(), null, event.recordKey(), data(event),
                headers(event, source));
    }

    public static Headers headers(SwitchboardEvent event, String source) {
        RecordHeaders headers = new RecordHeaders();
        put(headers, HEADER_SPEC_VERSION, SPEC_VERSION);
        put(headers, HEADER_ID, event.eventId());
        put(headers, HEADER_SOURCE, source);
        put(headers, HEADER_TYPE, event.eventType().ceType());
        put(headers, HEADER_SUBJECT, event.subject());
        put(headers, HEADER_CONTENT_TYPE, CONTENT_TYPE);
        if (event.occurredAt() != null) {
            put(headers, HEADER_TIME, DateTimeFormatter.ISO_INSTANT.format(event.occurredAt()));
        }
        return headers;
    }

    public static byte[] data(SwitchboardEvent event) {
        try {
            return JSON.writeValueAsBytes(event);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write event " + event.eventId(), e);
        }
    }

    /** Reads an event back from a record's headers and value; the {@code ce_type} header picks the record. */
    public static SwitchboardEvent read(Headers headers, byte[] data) {
        String type = header(headers, HEADER_TYPE);
        if (type == null) {
            throw new IllegalArgumentException("not a CloudEvent: no " + HEADER_TYPE + " header");
        }
        return read(EventType.fromCeType(type), data);
    }

    public static SwitchboardEvent read(EventType type, byte[] data) {
        try {
            return JSON.readValue(data, type.recordType());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + type.ceType(), e);
        }
    }

    /** The last value of a header as UTF-8 text, or null. */
    public static String header(Headers headers, String name) {
        Header header = headers.lastHeader(name);
        return header == null || header.value() == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }

    private static void put(Headers headers, String name, String value) {
        headers.add(name, value.getBytes(StandardCharsets.UTF_8));
    }
}
