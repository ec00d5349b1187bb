package io.switchboard.routing;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.switchboard.events.AgentActionRejected;
import io.switchboard.events.AgentPresence;
import io.switchboard.events.AgentStateChanged;
import io.switchboard.events.Channel;
import io.switchboard.events.CloudEventCodec;
import io.switchboard.events.ConversationQueued;
import io.switchboard.events.EventType;
import io.switchboard.events.MessageReceived;
import io.switchboard.events.ResolutionRequested;
import io.switchboard.events.SwitchboardEvent;
import io.switchboard.events.Topics;
import io.switchboard.messaging.deadletter.DeadLetterHeaders;
import io.switchboard.testing.KafkaResource;
import io.switchboard.testing.KafkaTestClient;
import io.switchboard.testing.PostgresResource;

/**
 * Each of routing's three consumers meets records it can never process: one that cannot be decoded, and one that
 * decodes but holds a string PostgreSQL refuses (a NUL character). Each goes to {@code switchboard.routing.dead-letter.v1}
 * with the reason, and the next good record on the same partition (same key) is processed.
 */
@QuarkusTest
@QuarkusTestResource(value = KafkaResource.class, initArgs = @ResourceArg(name = KafkaResource.TOPICS_ARG,
        value = "switchboard.inbound.v1:3,switchboard.agents.v1:3,switchboard.agent-actions.v1:3,"
                + "switchboard.routing.v1:3"))
@QuarkusTestResource(PostgresResource.class)
class PoisonRecordTest extends RoutingTestBase {

    @Test
    void inboundPoisonIsDeadLetteredAndTheNextMessageIsRouted() {
        // Given a customer whose first two messages are poison
        String user = fresh("user");
        MessageReceived good = message(user);
        String key = good.conversationKey();
        String marker = fresh("nul");
        MessageReceived withNul = message(ACCOUNT, user, "hi");
        withNul = new MessageReceived(withNul.eventId(), withNul.channel(), withNul.channelAccountId(),
                key + "\u0000" + marker, withNul.customer(), withNul.externalMessageId(), withNul.occurredAt(),
                withNul.receivedAt(), withNul.content(), withNul.raw());
        kafka.produce(Topics.INBOUND, key, ("{not json " + marker).getBytes(StandardCharsets.UTF_8),
                Map.of(CloudEventCodec.HEADER_TYPE, EventType.MESSAGE_RECEIVED.ceType()));
        produce(Topics.INBOUND, key, withNul);

        // When a good one follows on the same partition
        send(good);

        // Then it is routed, and both poison records are dead letters with their reason
        ConversationQueued queued = routing(key, EventType.CONVERSATION_QUEUED);
        assertThat(queued.cause()).isEqualTo(good.eventId());
        assertUndecodable(Topics.INBOUND, marker, "cannot read switchboard.message.received");
        assertRefusedByPostgres(Topics.INBOUND, marker);
    }

    @Test
    void agentPoisonIsDeadLetteredAndTheNextAgentStateIsProjected() {
        // Given an agent whose first two records are poison
        String agentId = fresh("agent");
        String marker = fresh("nul");
        kafka.produce(Topics.AGENTS, agentId, ("{not json " + marker).getBytes(StandardCharsets.UTF_8),
                Map.of(CloudEventCodec.HEADER_TYPE, EventType.AGENT_STATE_CHANGED.ceType()));
        AgentStateChanged withNul = new AgentStateChanged(agentId + ":1", agentId + "\u0000" + marker, agentId,
                List.of("en"), List.of(), Map.of("whatsapp", 1), AgentPresence.AVAILABLE, Instant.now(), null, null,
                true, 1, Instant.now());
        produce(Topics.AGENTS, agentId, withNul);

        // When (and then) the agent's good state follows and is projected
        availableAgent(agentId, Duration.ofMinutes(1), 1);

        // Then
        assertUndecodable(Topics.AGENTS, marker, "cannot read switchboard.agent.state-changed");
        assertRefusedByPostgres(Topics.AGENTS, marker);
    }

    @Test
    void agentActionPoisonIsDeadLetteredAndTheNextActionIsAnswered() {
        // Given a conversation whose first two actions are poison
        String key = Channel.WHATSAPP.conversationKey(ACCOUNT, fresh("user"));
        String marker = fresh("nul");
        kafka.produce(Topics.AGENT_ACTIONS, key, ("{not json " + marker).getBytes(StandardCharsets.UTF_8),
                Map.of(CloudEventCodec.HEADER_TYPE, EventType.RESOLUTION_REQUESTED.ceType()));
        produce(Topics.AGENT_ACTIONS, key, resolution(fresh("req") + "\u0000" + marker, key));

        // When a good action follows on the same partition (for a conversation routing does not know)
        ResolutionRequested good = resolution(fresh("req"), key);
        send(good);

        // Then it is answered, and both poison records are dead letters with their reason
        AgentActionRejected rejected = routing(key, EventType.AGENT_ACTION_REJECTED);
        assertThat(rejected.actionEventId()).isEqualTo(good.eventId());
        assertThat(rejected.reason()).isEqualTo("not_assigned");
        assertUndecodable(Topics.AGENT_ACTIONS, marker, "cannot read switchboard.agent.resolution-requested");
        assertRefusedByPostgres(Topics.AGENT_ACTIONS, marker);
    }

    private static ResolutionRequested resolution(String eventId, String key) {
        return new ResolutionRequested(eventId, Channel.WHATSAPP, ACCOUNT, key, fresh("conv"), fresh("agent"),
                "solved", "done", Instant.now());
    }

    // On the partition of `key`, whatever key the event itself would choose.
    private void produce(String topic, String key, SwitchboardEvent event) {
        var record = CloudEventCodec.toRecord(event, SOURCE);
        kafka.produce(new org.apache.kafka.clients.producer.ProducerRecord<>(topic, null, key, record.value(),
                record.headers()));
    }

    private void assertUndecodable(String sourceTopic, String marker, String reason) {
        ConsumerRecord<String, byte[]> letter = letter(sourceTopic, marker, true);
        assertThat(KafkaTestClient.text(letter)).isEqualTo("{not json " + marker);
        assertThat(KafkaTestClient.header(letter, DeadLetterHeaders.REASON)).contains(reason);
        assertThat(KafkaTestClient.header(letter, DeadLetterHeaders.SERVICE)).isEqualTo("routing-service");
        assertThat(KafkaTestClient.header(letter, DeadLetterHeaders.SOURCE_OFFSET)).isNotBlank();
    }

    private void assertRefusedByPostgres(String sourceTopic, String marker) {
        ConsumerRecord<String, byte[]> letter = letter(sourceTopic, marker, false);
        assertThat(KafkaTestClient.header(letter, DeadLetterHeaders.REASON)).contains("0x00");
        assertThat(KafkaTestClient.header(letter, DeadLetterHeaders.ERROR_CLASS)).endsWith("PgException");
    }

    private ConsumerRecord<String, byte[]> letter(String sourceTopic, String marker, boolean undecodable) {
        return kafka.awaitRecords(Topics.ROUTING_DEAD_LETTER, 1, r -> sourceTopic.equals(
                KafkaTestClient.header(r, DeadLetterHeaders.SOURCE_TOPIC)) && KafkaTestClient.text(r).contains(marker)
                && KafkaTestClient.text(r).startsWith("{not json") == undecodable).get(0);
    }
}
