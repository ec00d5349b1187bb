package io.switchboard.routing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Collectors;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.switchboard.events.Channel;
import io.switchboard.events.CloudEventCodec;
import io.switchboard.events.ConversationAssigned;
import io.switchboard.events.EventType;
import io.switchboard.events.OfferAccepted;
import io.switchboard.events.Topics;
import io.switchboard.routing.conversation.Dispatch;
import io.switchboard.testing.KafkaResource;
import io.switchboard.testing.KafkaTestClient;
import io.switchboard.testing.PostgresResource;
import io.vertx.mutiny.sqlclient.Row;

/**
 * Many conversations race for few agents: the service's own consumer and sweeper plus four more "replicas"
 * (threads driving the same dispatch, each in its own transactions) offer at once. The database must keep every agent
 * within capacity and give each conversation to one agent.
 */
@QuarkusTest
@QuarkusTestResource(value = KafkaResource.class, initArgs = @ResourceArg(name = KafkaResource.TOPICS_ARG,
        value = "switchboard.inbound.v1:3,switchboard.agents.v1:3,switchboard.agent-actions.v1:3,"
                + "switchboard.routing.v1:3"))
@QuarkusTestResource(PostgresResource.class)
class CapacityRaceTest extends RoutingTestBase {

    private static final int AGENTS = 3;
    private static final int CAPACITY = 2;
    private static final int CONVERSATIONS = 20;
    private static final int REPLICAS = 4;

    @Inject
    Dispatch dispatch;

    @Test
    void capacityIsNeverExceededAndNoConversationIsAssignedTwice() throws Exception {
        // Given
        List<String> agents = new ArrayList<>();
        for (int i = 0; i < AGENTS; i++) {
            String agent = fresh("racer-" + i);
            availableAgent(agent, Duration.ofMinutes(i + 1), CAPACITY);
            agents.add(agent);
        }
        ExecutorService replicas = Executors.newFixedThreadPool(REPLICAS);
        AtomicBoolean racing = new AtomicBoolean(true);
        List<Future<?>> running = new ArrayList<>();
        for (int i = 0; i < REPLICAS; i++) {
            running.add(replicas.submit(() -> {
                while (racing.get()) {
                    dispatch.dispatchWaiting();
                }
                return null;
            }));
        }

        // When
        for (int i = 0; i < CONVERSATIONS; i++) {
            send(message(fresh("racing-user")));
        }
        String[] ids = agents.toArray(new String[0]);
        await().atMost(Duration.ofSeconds(60)).until(() -> pendingOffers(ids).size() == AGENTS * CAPACITY);
        Thread.sleep(1000);
        racing.set(false);
        for (Future<?> replica : running) {
            replica.get(30, TimeUnit.SECONDS);
        }
        replicas.shutdown();

        // Then every agent holds exactly its capacity, no more
        List<Row> offers = pendingOffers(ids);
        assertThat(offers).hasSize(AGENTS * CAPACITY);
        Map<String, Long> perAgent = offers.stream()
                .collect(Collectors.groupingBy(row -> row.getString("agent_id"), Collectors.counting()));
        for (String agent : agents) {
            assertThat(perAgent.get(agent)).as("offers held by %s", agent).isEqualTo(CAPACITY);
            assertThat(load(agent)).as("load of %s", agent).isEqualTo(CAPACITY);
        }
        assertThat(offers.stream().map(row -> row.getString("conversation_id")).distinct()).hasSize(offers.size());

        // When every offer is accepted
        for (Row offer : offers) {
            send(new OfferAccepted(fresh("req"), Channel.WHATSAPP, ACCOUNT, offer.getString("conversation_key"),
                    offer.getString("conversation_id"), offer.getString("agent_id"), offer.getString("offer_id"),
                    Instant.now()));
        }

        // Then each conversation is assigned once, to the agent whose offer it was
        List<String> keys = offers.stream().map(row -> row.getString("conversation_key")).toList();
        List<ConversationAssigned> assigned = kafka.awaitRecords(Topics.ROUTING, offers.size(),
                record -> keys.contains(record.key()) && EventType.CONVERSATION_ASSIGNED.ceType()
                        .equals(KafkaTestClient.header(record, CloudEventCodec.HEADER_TYPE)))
                .stream().map(record -> (ConversationAssigned) decode(record)).toList();
        assertThat(assigned.stream().map(ConversationAssigned::conversationId).distinct()).hasSize(offers.size());
        Map<String, String> offeredTo = offers.stream().collect(Collectors.toMap(
                row -> row.getString("conversation_id"), row -> row.getString("agent_id")));
        assertThat(assigned).allSatisfy(a -> assertThat(a.agentId()).isEqualTo(offeredTo.get(a.conversationId())));
        Map<String, Long> assignedPerAgent = assigned.stream()
                .collect(Collectors.groupingBy(ConversationAssigned::agentId, Collectors.counting()));
        assertThat(assignedPerAgent).containsOnlyKeys(agents).allSatisfy((agent, count) -> assertThat(count)
                .isEqualTo((long) CAPACITY));
        // and the rest wait (the last messages may still be on their way when the offers are full)
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(sql(
                "SELECT 1 FROM routing.conversations WHERE state = 'queued' AND closed_at IS NULL"))
                .hasSize(CONVERSATIONS - AGENTS * CAPACITY));
    }

    private List<Row> pendingOffers(String[] agentIds) {
        List<Row> rows = new ArrayList<>();
        sql("SELECT o.offer_id, o.agent_id, o.conversation_id, c.conversation_key FROM routing.offers o"
                + " JOIN routing.conversations c USING (conversation_id)"
                + " WHERE o.state = 'pending' AND o.agent_id = ANY($1)", (Object) agentIds).forEach(rows::add);
        return rows;
    }
}
