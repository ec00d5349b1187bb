package io.switchboard.outbound.delivery;

import org.apache.kafka.common.header.Headers;

import io.switchboard.events.ReplyRequested;

/** A command as read from Kafka: the event, and the record's bytes and headers for a dead letter. */
public record Command(ReplyRequested event, String key, byte[] value, Headers headers) {
}
