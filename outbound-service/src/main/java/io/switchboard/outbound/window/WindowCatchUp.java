package io.switchboard.outbound.window;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.utils.Utils;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import io.switchboard.messaging.consume.FailureKind;
import io.switchboard.messaging.consume.Failures;
import io.switchboard.messaging.kafka.KafkaClientProperties;
import io.switchboard.outbound.config.OutboundConfig;

/**
 * Makes the window decision independent of which consumer ran first. The customer message a reply answers is on
 * {@code switchboard.inbound.v1} before the reply exists (ingress → routing → agent → outbound), but the window feed
 * ({@link InboundWindowFeed}) is a consumer of its own and may not have applied it yet: after a restart, under lag,
 * or for routing's immediate out-of-hours reply. Before a reply is refused for a closed window, this reads the
 * conversation's inbound partition from the feed's committed offset (everything before it is applied) to its end as
 * of now, and applies the conversation's events to the window (idempotent: the window only moves forward).
 * <p>
 * The inbound topic is keyed by conversation key with Kafka's default partitioner (docs/asyncapi.yaml), so one
 * partition holds the conversation. A catch-up that cannot finish in time throws an infrastructure failure: the
 * command waits and tries again, it is never refused on a guess.
 */
@ApplicationScoped
public class WindowCatchUp {

    private static final Logger LOG = Logger.getLogger(WindowCatchUp.class);
    private static final Duration POLL = Duration.ofMillis(100);

    private final InboundWindowFeed feed;
    private final KafkaClientProperties kafka;
    private final String topic;
    private final String feedGroup;
    private final Duration timeout;
    private KafkaConsumer<String, byte[]> consumer;

    public WindowCatchUp(InboundWindowFeed feed, OutboundConfig config,
            KafkaClientProperties kafka,
            @ConfigProperty(name = "mp.messaging.incoming.inbound.topic") String topic,
            @ConfigProperty(name = "mp.messaging.incoming.inbound.group.id") String feedGroup) {
        this.feed = feed;
        this.kafka = kafka;
        this.topic = topic;
        this.feedGroup = feedGroup;
        this.timeout = config.window().catchUpTimeout();
    }

    /**
     * Applies the conversation's inbound events that the feed has not applied yet; returns how many it applied.
     * Blocking (a delivery worker); one catch-up at a time, it is only asked before a refusal.
     */
    public synchronized int catchUp(String conversationKey) {
        long deadline = System.nanoTime() + timeout.toNanos();
        KafkaConsumer<String, byte[]> kafka = consumer();
        List<PartitionInfo> partitions = kafka.partitionsFor(topic, timeout);
        if (partitions == null || partitions.isEmpty()) {
            throw new TimeoutException("no partitions known for " + topic);
        }
        TopicPartition partition = new TopicPartition(topic,
                Utils.toPositive(Utils.murmur2(conversationKey.getBytes(StandardCharsets.UTF_8))) % partitions.size());
        kafka.assign(List.of(partition));
        // read_committed: the end is the last stable offset, what the feed itself can read.
        long end = kafka.endOffsets(List.of(partition), timeout).get(partition);
        Map<TopicPartition, OffsetAndMetadata> committed = kafka.committed(Set.of(partition), timeout);
        OffsetAndMetadata applied = committed.get(partition);
        long from = applied != null ? applied.offset()
                : kafka.beginningOffsets(List.of(partition), timeout).get(partition);
        if (from >= end) {
            return 0;
        }
        kafka.seek(partition, from);
        int count = 0;
        while (kafka.position(partition, timeout) < end) {
            if (System.nanoTime() > deadline) {
                throw new TimeoutException("window catch-up of " + partition + " did not reach offset " + end
                        + " within " + timeout);
            }
            for (ConsumerRecord<String, byte[]> record : kafka.poll(POLL)) {
                if (record.offset() < end && conversationKey.equals(record.key()) && apply(record)) {
                    count++;
                }
            }
        }
        if (count > 0) {
            LOG.infof("window catch-up applied %d inbound event(s) of %s the feed had not applied yet", count,
                    partition);
        }
        return count;
    }

    private boolean apply(ConsumerRecord<String, byte[]> record) {
        try {
            feed.apply(record).await().atMost(timeout);
            return true;
        } catch (RuntimeException e) {
            if (Failures.classify(e) == FailureKind.POISON) {
                // The feed sets it aside as a dead letter; it cannot open a window.
                return false;
            }
            throw e;
        }
    }

    private KafkaConsumer<String, byte[]> consumer() {
        if (consumer == null) {
            // The feed's group id only to read its committed offsets: assigned, never subscribed, never committing.
            consumer = new KafkaConsumer<>(kafka.with(Map.of(
                    ConsumerConfig.GROUP_ID_CONFIG, feedGroup,
                    ConsumerConfig.CLIENT_ID_CONFIG, "outbound-window-catch-up",
                    ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false",
                    ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed",
                    ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                    ConsumerConfig.MAX_POLL_RECORDS_CONFIG, "500")),
                    new StringDeserializer(), new ByteArrayDeserializer());
        }
        return consumer;
    }

    @PreDestroy
    synchronized void close() {
        if (consumer != null) {
            consumer.close(Duration.ofSeconds(2));
        }
    }
}
