package io.switchboard.routing;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Properties;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.switchboard.events.CloudEventCodec;
import io.switchboard.events.ConversationOffered;
import io.switchboard.events.ConversationQueued;
import io.switchboard.events.EventType;
import io.switchboard.events.MessageReceived;
import io.switchboard.events.MessageRouted;
import io.switchboard.events.OfferAccepted;
import io.switchboard.events.SwitchboardEvent;
import io.switchboard.events.Topics;
import io.switchboard.messaging.deadletter.DeadLetterHeaders;
import io.switchboard.testing.KafkaResource;
import io.switchboard.testing.KafkaTestClient;
import io.switchboard.testing.PostgresResource;

/**
 * The inbound consumer takes a poll's messages in one transaction. Records published back to back on one partition
 * arrive in one poll: a poison one among them must not keep the others from being routed, and several messages of a
 * conversation the poll itself opens must all reach its agent, in order.
 */
@QuarkusTest
@QuarkusTestResource(value = KafkaResource.class, initArgs = @ResourceArg(name = KafkaResource.TOPICS_ARG,
        value = "switchboard.inbound.v1:3,switchboard.agents.v1:3,switchboard.agent-actions.v1:3,"
                + "switchboard.routing.v1:3"))
@QuarkusTestResource(PostgresResource.class)
class PollBatchTest extends RoutingTestBase {

    @Test
    void aPoisonRecordInAPollDoesNotKeepTheOthersFromBeingRouted() {
        // Given an available agent, and on one partition: two new conversations around a message PostgreSQL refuses
        availableAgent(fresh("agent"), Duration.ofMinutes(5), 5);
        String partitionKey = fresh("partition");
        MessageReceived before = message(fresh("user"));
        MessageReceived after = message(fresh("user"));
        String marker = fresh("nul");
        MessageReceived poison = message(fresh("user") + "\u0000" + marker);

        // When they are published together
        produceTogether(partitionKey, List.of(before, poison, after));

        // Then both good ones are routed and the poison one is a dead letter
        assertThat(((ConversationQueued) routing(before.conversationKey(), EventType.CONVERSATION_QUEUED)).cause())
                .isEqualTo(before.eventId());
        assertThat(((ConversationQueued) routing(after.conversationKey(), EventType.CONVERSATION_QUEUED)).cause())
                .isEqualTo(after.eventId());
        routing(before.conversationKey(), EventType.CONVERSATION_OFFERED);
        routing(after.conversationKey(), EventType.CONVERSATION_OFFERED);
        var letter = kafka.awaitRecords(Topics.ROUTING_DEAD_LETTER, 1, r -> Topics.INBOUND.equals(
                KafkaTestClient.header(r, DeadLetterHeaders.SOURCE_TOPIC)) && KafkaTestClient.text(r).contains(marker))
                .get(0);
        assertThat(KafkaTestClient.header(letter, DeadLetterHeaders.REASON)).contains("0x00");
    }

    @Test
    void messagesOfAConversationOpenedInThePollReachItsAgentInOrder() {
        // Given an available agent
        String agent = fresh("agent");
        availableAgent(agent, Duration.ofMinutes(5), 5);
        String user = fresh("user");
        List<MessageReceived> messages = List.of(message(ACCOUNT, user, "one"), message(ACCOUNT, user, "two"),
                message(ACCOUNT, user, "three"));
        String key = messages.get(0).conversationKey();

        // When a new customer's three messages are published back to back, and the agent accepts the offer
        produceTogether(key, messages);
        ConversationOffered offered = routing(key, EventType.CONVERSATION_OFFERED);
        send(new OfferAccepted(fresh("req"), offered.channel(), ACCOUNT, key, offered.conversationId(), agent,
                offered.offerId(), Instant.now()));

        // Then all three reach the agent, in the order they were written, each once
        List<MessageRouted> routed = routing(key, EventType.MESSAGE_ROUTED, 3);
        assertThat(routed).extracting(MessageRouted::messageEventId)
                .containsExactly(messages.stream().map(MessageReceived::eventId).toArray(String[]::new));
        assertThat(published(key, EventType.CONVERSATION_QUEUED)).hasSize(1);
    }

    /**
     * On the partition of {@code key} (whatever key each event would choose), in one producer batch: the consumer
     * fetches them in one poll.
     */
    private void produceTogether(String key, List<? extends SwitchboardEvent> events) {
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
        p.put(ProducerConfig.LINGER_MS_CONFIG, "500");
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(p, new StringSerializer(),
                new ByteArraySerializer())) {
            for (SwitchboardEvent event : events) {
                var record = CloudEventCodec.toRecord(event, SOURCE);
                producer.send(new ProducerRecord<>(Topics.INBOUND, null, key, record.value(), record.headers()));
            }
            producer.flush();
        }
    }
}
