package io.switchboard.messaging;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.TopicDescription;
import org.junit.jupiter.api.Test;

import io.switchboard.messaging.kafka.KafkaClientProperties;
import io.switchboard.messaging.kafka.TopicBootstrap;
import io.switchboard.testing.KafkaResource;

/** The services' dev/test topic creation, against the tests' real broker. */
class TopicBootstrapTest {

    private final String bootstrap = KafkaResource.bootstrapServers();

    @Test
    void createsTheListedTopicsThatAreMissingWithThePartitionsAndLeavesExistingOnesAlone() throws Exception {
        String existing = "messaging-test.bootstrap-existing-" + UUID.randomUUID();
        String missing = "messaging-test.bootstrap-missing-" + UUID.randomUUID();
        KafkaResource.createTopics(1, existing);

        new TopicBootstrap(true, 2, Optional.of(List.of(existing, missing)), Duration.ofDays(30),
                KafkaClientProperties.plaintext(bootstrap))
                .createMissing();

        assertThat(partitions(existing, missing)).isEqualTo(Map.of(existing, 1, missing, 2));
    }

    @Test
    void createsNothingWhenTurnedOff() throws Exception {
        String topic = "messaging-test.bootstrap-off-" + UUID.randomUUID();

        new TopicBootstrap(false, 2, Optional.of(List.of(topic)), Duration.ofDays(30), KafkaClientProperties.plaintext(bootstrap))
                .createMissing();
        new TopicBootstrap(true, 2, Optional.empty(), Duration.ofDays(30), KafkaClientProperties.plaintext(bootstrap)).createMissing();

        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
            assertThat(admin.listTopics().names().get(30, TimeUnit.SECONDS)).doesNotContain(topic);
        }
    }

    private Map<String, Integer> partitions(String... topics) throws Exception {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
            Map<String, TopicDescription> described = admin.describeTopics(List.of(topics)).allTopicNames()
                    .get(30, TimeUnit.SECONDS);
            return Map.of(topics[0], described.get(topics[0]).partitions().size(), topics[1],
                    described.get(topics[1]).partitions().size());
        }
    }
}
