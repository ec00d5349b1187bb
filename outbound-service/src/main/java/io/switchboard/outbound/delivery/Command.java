package io.switchboard.outbound.delivery;

import java.util.Optional;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.record.TimestampType;

import io.switchboard.events.ReplyRequested;
import io.switchboard.events.Topics;
import io.switchboard.outbound.ownership.SenderOwnership;

/**
 * A command as read from Kafka: the event, and the record's bytes, headers and position (partition, offset; -1 when
 * unknown) for a dead letter.
 */
public record Command(ReplyRequested event, String key, byte[] value, Headers headers, int partition, long offset) {

    public Command(ReplyRequested event, String key, byte[] value, Headers headers) {
        this(event, key, value, headers, -1, -1L);
    }

    /** The partition whose owner runs it: the record's, or its sender's when the position is unknown. */
    int ownerPartition(SenderOwnership ownership) {
        return ownership.partitionOf(event.senderKey(), partition);
    }

    /** The record as read, for a dead letter; {@code headers} replace the record's own when given. */
    ConsumerRecord<String, byte[]> record(Headers replacing) {
        return new ConsumerRecord<>(Topics.OUTBOUND, partition, offset, ConsumerRecord.NO_TIMESTAMP,
                TimestampType.NO_TIMESTAMP_TYPE, ConsumerRecord.NULL_SIZE, ConsumerRecord.NULL_SIZE, key, value,
                replacing != null ? replacing : headers != null ? headers : new RecordHeaders(), Optional.empty());
    }
}
