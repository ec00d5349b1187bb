package io.switchboard.routing;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

import org.junit.jupiter.api.Test;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.switchboard.events.AgentPresence;
import io.switchboard.events.CloudEventCodec;
import io.switchboard.events.ConversationOffered;
import io.switchboard.events.EventType;
import io.switchboard.events.MessageReceived;
import io.switchboard.events.QueueStatsChanged;
import io.switchboard.events.Topics;
import io.switchboard.testing.KafkaResource;
import io.switchboard.testing.PostgresResource;

/**
 * routing publishes each queue's figures on the compacted {@code switchboard.queue-stats.v1} when they change: a
 * conversation queues, an agent comes, the conversation is offered; never more than once per queue per 500 ms.
 */
@QuarkusTest
@QuarkusTestResource(value = KafkaResource.class, initArgs = @ResourceArg(name = KafkaResource.TOPICS_ARG,
        value = "switchboard.inbound.v1:3,switchboard.agents.v1:3,switchboard.agent-actions.v1:3,"
                + "switchboard.routing.v1:3,switchboard.queue-stats.v1:3"))
@QuarkusTestResource(PostgresResource.class)
class QueueStatsTest extends RoutingTestBase {

    @Test
    void aQueuesFiguresArePublishedWhenAConversationQueuesAndWhenItIsOffered() {
        // Given a queue of its own asking a skill, with a service-level target
        String account = fresh("acct");
        String skill = fresh("skill");
        String queueId = fresh("stats");
        Map<String, Object> queue = QueueAdmin.queue("channelAccountId == '" + account + "'", 5);
        queue.put("requiredSkills", Map.of(skill, 3));
        queue.put("serviceLevelTarget", "PT30S");
        QueueAdmin.put(queueId, queue).statusCode(200);

        // When a customer writes and nobody can serve the queue
        MessageReceived message = message(account, fresh("user"), "hello");
        send(message);

        // Then the queue's figures show one waiting on WhatsApp since it was queued, and nobody to serve it
        QueueStatsChanged waiting = stats(queueId, s -> s.waiting() == 1);
        assertThat(waiting.depth()).isEqualTo(Map.of("whatsapp", 1));
        assertThat(waiting.oldestWaitingSince()).isNotNull().isBefore(Instant.now());
        assertThat(waiting.agentsAvailable()).isZero();
        assertThat(waiting.assigned()).isZero();
        assertThat(waiting.serviceLevelTarget()).isEqualTo(30L);

        // When an agent with the skill and room for two comes
        String agent = fresh("agent");
        agent(agent, AgentPresence.AVAILABLE, 2, Instant.now().minusSeconds(60), 1, Map.of(skill, 4));

        // Then the conversation is offered to them, and the figures show it held, none waiting, the agent with room
        ConversationOffered offered = routing(message.conversationKey(), EventType.CONVERSATION_OFFERED);
        assertThat(offered.agentId()).isEqualTo(agent);
        QueueStatsChanged held = stats(queueId, s -> s.assigned() == 1);
        assertThat(held.depth()).isEmpty();
        assertThat(held.oldestWaitingSince()).isNull();
        assertThat(held.agentsAvailable()).isEqualTo(1);

        // And every publication of the queue is keyed by it, and they are at least 500 ms apart (coalesced)
        List<QueueStatsChanged> all = all(queueId);
        assertThat(all).hasSizeGreaterThanOrEqualTo(2);
        for (int i = 1; i < all.size(); i++) {
            assertThat(Duration.between(all.get(i - 1).occurredAt(), all.get(i).occurredAt()))
                    .isGreaterThanOrEqualTo(Duration.ofMillis(480));
            assertThat(all.get(i).sameFigures(all.get(i - 1))).as("published only on change").isFalse();
        }
    }

    private QueueStatsChanged stats(String queueId, Predicate<QueueStatsChanged> wanted) {
        return kafka.awaitRecords(Topics.QUEUE_STATS, 1, record -> queueId.equals(record.key())
                && wanted.test((QueueStatsChanged) CloudEventCodec.read(record.headers(), record.value())))
                .stream().map(record -> (QueueStatsChanged) decode(record)).findFirst().orElseThrow();
    }

    private List<QueueStatsChanged> all(String queueId) {
        return kafka.readAll(Topics.QUEUE_STATS).stream().filter(record -> queueId.equals(record.key()))
                .map(record -> (QueueStatsChanged) decode(record)).toList();
    }
}
