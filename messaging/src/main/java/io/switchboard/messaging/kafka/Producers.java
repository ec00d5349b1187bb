package io.switchboard.messaging.kafka;

import java.util.Map;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * The producer settings of every record Switchboard must not lose (outbox relays, dead letters): acknowledged by
 * all in-sync replicas, idempotent (no duplicates from the producer's own retries, per-partition order kept), and
 * bounded in time, so a broker outage surfaces as an error the caller retries instead of a thread blocked forever.
 */
public final class Producers {

    private Producers() {
    }

    /** {@code kafka}: the broker and the service's credentials ({@link KafkaClientProperties}). */
    public static KafkaProducer<String, byte[]> reliable(KafkaClientProperties kafka, String clientId) {
        return new KafkaProducer<>(kafka.with(Map.of(
                ProducerConfig.CLIENT_ID_CONFIG, clientId,
                ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true,
                ProducerConfig.LINGER_MS_CONFIG, 1,
                ProducerConfig.MAX_BLOCK_MS_CONFIG, 10_000,
                ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 30_000,
                ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 10_000)),
                new StringSerializer(), new ByteArraySerializer());
    }
}
