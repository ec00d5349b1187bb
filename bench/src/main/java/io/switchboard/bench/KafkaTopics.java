package io.switchboard.bench;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ListOffsetsResult;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;

import io.switchboard.devinfra.ContractTopics;
import io.switchboard.events.Topics;

/**
 * The topics of a run, through one AdminClient: creating them, counting their records by end offsets (exact for the
 * raw and bare topics: their producers are idempotent but not transactional, so there are no commit markers), and
 * the lag of ingress's normalizer (Kafka Streams) on the raw topic.
 */
public final class KafkaTopics implements AutoCloseable {

    static final String RAW_WEBHOOKS = Topics.RAW_WEBHOOKS;
    static final String DEAD_LETTER = Topics.INGRESS_DEAD_LETTER;
    /** Where the bare endpoint produces: a topic of its own, so that each target's records can be counted. */
    static final String BARE = "switchboard.bench.bare.v1";
    /** As the services' TopicBootstrap (messaging) and local-stack create them. */
    static final int PARTITIONS = 3;

    private final Admin admin;

    public KafkaTopics(String bootstrapServers) {
        this.admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers));
    }

    /** Every topic of the event contract (dev-infra's ContractTopics) and a bench's own ones. */
    public static List<String> contractAnd(String... own) {
        List<String> all = new ArrayList<>(ContractTopics.all());
        all.addAll(List.of(own));
        return all;
    }

    /** Creates those that do not exist yet; returns how many it created. */
    public int createMissing(List<String> names) throws Exception {
        Set<String> existing = admin.listTopics().names().get(15, TimeUnit.SECONDS);
        List<NewTopic> missing = names.stream().filter(n -> !existing.contains(n))
                .map(n -> new NewTopic(n, PARTITIONS, (short) 1)).collect(Collectors.toList());
        admin.createTopics(missing).all().get(30, TimeUnit.SECONDS);
        return missing.size();
    }

    /** End offset of every partition of a topic. */
    Map<TopicPartition, Long> endOffsets(String topic) throws Exception {
        int partitions = admin.describeTopics(List.of(topic)).allTopicNames().get(15, TimeUnit.SECONDS).get(topic)
                .partitions().size();
        Map<TopicPartition, OffsetSpec> request = new HashMap<>();
        for (int p = 0; p < partitions; p++) {
            request.put(new TopicPartition(topic, p), OffsetSpec.latest());
        }
        Map<TopicPartition, Long> ends = new HashMap<>();
        for (Map.Entry<TopicPartition, ListOffsetsResult.ListOffsetsResultInfo> e
                : admin.listOffsets(request).all().get(15, TimeUnit.SECONDS).entrySet()) {
            ends.put(e.getKey(), e.getValue().offset());
        }
        return ends;
    }

    long records(String topic) throws Exception {
        return endOffsets(topic).values().stream().mapToLong(Long::longValue).sum();
    }

    /** Records of the topic that the consumer group has not committed yet. */
    long lag(String group, String topic) throws Exception {
        Map<TopicPartition, Long> ends = endOffsets(topic);
        Map<TopicPartition, OffsetAndMetadata> committed;
        try {
            committed = admin.listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata()
                    .get(15, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            return ends.values().stream().mapToLong(Long::longValue).sum();
        }
        long lag = 0;
        for (Map.Entry<TopicPartition, Long> e : ends.entrySet()) {
            OffsetAndMetadata c = committed.get(e.getKey());
            lag += e.getValue() - (c == null ? 0 : c.offset());
        }
        return lag;
    }

    /**
     * Waits until the group has committed the whole topic; returns the seconds it took, or -1 after {@code maxSeconds}.
     * Keeps the normalizer's backlog of one phase from taking CPU from the next.
     */
    double awaitCaughtUp(String group, String topic, double maxSeconds) throws Exception {
        long start = System.nanoTime();
        while (lag(group, topic) > 0) {
            double waited = (System.nanoTime() - start) / 1e9;
            if (waited > maxSeconds) {
                return -1;
            }
            Thread.sleep(200);
        }
        return (System.nanoTime() - start) / 1e9;
    }

    @Override
    public void close() {
        admin.close();
    }
}
