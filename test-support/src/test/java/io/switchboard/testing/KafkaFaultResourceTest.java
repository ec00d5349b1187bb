package io.switchboard.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.Node;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Every client connection to the fault broker goes through the proxy, so a cut stops all of them. */
class KafkaFaultResourceTest {

    @AfterEach
    void restore() {
        KafkaFaultResource.network().restore();
    }

    @Test
    void theBrokerAdvertisesOnlyTheProxy() throws Exception {
        Map<String, String> config = new KafkaFaultResource().start();
        String bootstrap = config.get("kafka.bootstrap.servers");
        assertThat(bootstrap).isEqualTo(KafkaFaultResource.bootstrapServers()).isNotEqualTo(KafkaResource.bootstrapServers());
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
            Node node = admin.describeCluster().nodes().get(30, TimeUnit.SECONDS).iterator().next();
            assertThat(node.host() + ":" + node.port()).isEqualTo(bootstrap);
        }
    }

    @Test
    void aCutStopsProducingAndARestoreResumesIt() throws Exception {
        KafkaFaultResource.createTopics(1, "fault-topic");
        KafkaTestClient client = new KafkaTestClient(KafkaFaultResource.bootstrapServers());
        client.produce("fault-topic", "k", bytes("before"));
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, KafkaFaultResource.bootstrapServers(),
                ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 3000, ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 1000,
                ProducerConfig.LINGER_MS_CONFIG, 0, ProducerConfig.MAX_BLOCK_MS_CONFIG, 3000),
                new StringSerializer(), new ByteArraySerializer())) {
            producer.send(new ProducerRecord<>("fault-topic", "k", bytes("warm-up"))).get(10, TimeUnit.SECONDS);
            KafkaFaultResource.network().cut();
            assertThatThrownBy(() -> producer.send(new ProducerRecord<>("fault-topic", "k", bytes("during")))
                    .get(10, TimeUnit.SECONDS)).isInstanceOf(ExecutionException.class);
            KafkaFaultResource.network().restore();
            producer.send(new ProducerRecord<>("fault-topic", "k", bytes("after"))).get(30, TimeUnit.SECONDS);
        }
        assertThat(client.awaitRecords("fault-topic", 3).stream().map(KafkaTestClient::text))
                .containsExactly("before", "warm-up", "after");
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
