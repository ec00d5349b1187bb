package io.switchboard.devinfra;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

class KraftBrokerTest {

    @Test
    void restartKeepsAddressTopicsAndCommittedOffsetsAndCloseDeletesTheTemporaryDirectory() throws Exception {
        KraftBroker broker = KraftBroker.start(KraftBroker.Settings.ephemeral().autoCreateTopics(false));
        try {
            String bootstrap = broker.bootstrapServers();
            try (Admin admin = Admin.create(Map.of("bootstrap.servers", bootstrap))) {
                admin.createTopics(List.of(new NewTopic("kept", 2, (short) 1))).all().get(30, TimeUnit.SECONDS);
            }
            produce(bootstrap, "before");
            commit(bootstrap, 1);

            long stopped = System.nanoTime();
            broker.stop();
            assertThat(broker.running()).isFalse();
            broker.restart();
            // A clean stop re-registers at once; the old session would otherwise hold the restart for ~10 s.
            assertThat(Duration.ofNanos(System.nanoTime() - stopped)).isLessThan(Duration.ofSeconds(8));
            assertThat(broker.bootstrapServers()).isEqualTo(bootstrap);

            produce(bootstrap, "after");
            try (Admin admin = Admin.create(Map.of("bootstrap.servers", bootstrap))) {
                assertThat(admin.listTopics().names().get(10, TimeUnit.SECONDS)).contains("kept");
                Map<TopicPartition, OffsetAndMetadata> committed =
                        admin.listConsumerGroupOffsets("g").partitionsToOffsetAndMetadata().get(10, TimeUnit.SECONDS);
                assertThat(committed.values()).extracting(OffsetAndMetadata::offset).contains(1L);
            }
        } finally {
            broker.close();
        }
        assertThat(broker.directory()).doesNotExist();
    }

    private static void produce(String bootstrap, String value) throws Exception {
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        try (KafkaProducer<String, String> producer =
                new KafkaProducer<>(p, new StringSerializer(), new StringSerializer())) {
            producer.send(new ProducerRecord<>("kept", 0, "k", value)).get(30, TimeUnit.SECONDS);
        }
    }

    private static void commit(String bootstrap, long offset) {
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        p.put(ConsumerConfig.GROUP_ID_CONFIG, "g");
        try (KafkaConsumer<String, String> consumer =
                new KafkaConsumer<>(p, new StringDeserializer(), new StringDeserializer())) {
            TopicPartition partition = new TopicPartition("kept", 0);
            consumer.assign(List.of(partition));
            ConsumerRecords<String, String> ignored = consumer.poll(Duration.ofMillis(100));
            consumer.commitSync(Map.of(partition, new OffsetAndMetadata(offset)));
        }
    }
}
