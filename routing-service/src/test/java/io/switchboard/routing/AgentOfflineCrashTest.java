package io.switchboard.routing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.switchboard.events.AgentPresence;
import io.switchboard.events.ConversationOffered;
import io.switchboard.events.ConversationTransferred;
import io.switchboard.events.EventType;
import io.switchboard.events.MessageReceived;
import io.switchboard.events.OfferAccepted;
import io.switchboard.testing.KafkaResource;
import io.switchboard.testing.PostgresResource;

/**
 * An agent going offline takes their conversations back to the queue even when the work fails half way: a trigger
 * (test-only) fails the requeue of the agent's conversation once with a connection-class error, as a crash or a lost
 * connection between the presence change and the requeue would. The record is retried; the agent's conversation
 * must not stay assigned to an offline agent.
 */
@QuarkusTest
@QuarkusTestResource(value = KafkaResource.class, initArgs = @ResourceArg(name = KafkaResource.TOPICS_ARG,
        value = "switchboard.inbound.v1:3,switchboard.agents.v1:3,switchboard.agent-actions.v1:3,"
                + "switchboard.routing.v1:3"))
@QuarkusTestResource(PostgresResource.class)
class AgentOfflineCrashTest extends RoutingTestBase {

    @AfterEach
    void removeFault() {
        sql("DROP TRIGGER IF EXISTS fail_requeue_once ON routing.conversations");
        sql("DROP FUNCTION IF EXISTS public.fail_requeue_once()");
        sql("DROP SEQUENCE IF EXISTS public.fail_requeue_once_seq");
    }

    @Test
    void aFailureBetweenThePresenceChangeAndTheRequeueLeavesNoConversationAssignedToTheOfflineAgent() {
        // Given an agent with an assigned conversation
        String leaving = fresh("agent-leaving");
        availableAgent(leaving, Duration.ofMinutes(5), 2);
        MessageReceived message = message(fresh("user"));
        String key = message.conversationKey();
        send(message);
        ConversationOffered offer = routing(key, EventType.CONVERSATION_OFFERED);
        send(new OfferAccepted(fresh("req"), message.channel(), ACCOUNT, key, offer.conversationId(), leaving,
                offer.offerId(), Instant.now()));
        routing(key, EventType.CONVERSATION_ASSIGNED);
        // and the requeue of that agent's conversations fails the first time (sequences are not transactional, so
        // the rolled-back attempt still counts)
        sql("CREATE SEQUENCE public.fail_requeue_once_seq");
        sql("CREATE FUNCTION public.fail_requeue_once() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN"
                + " IF nextval('public.fail_requeue_once_seq') = 1 THEN"
                + "   RAISE EXCEPTION 'injected: connection lost during requeue' USING ERRCODE = '08006';"
                + " END IF; RETURN NEW; END $$");
        sql("CREATE TRIGGER fail_requeue_once BEFORE UPDATE ON routing.conversations FOR EACH ROW"
                + " WHEN (OLD.state = 'assigned' AND NEW.state = 'queued' AND OLD.agent_id = '" + leaving + "')"
                + " EXECUTE FUNCTION public.fail_requeue_once()");

        // When the agent goes offline
        agent(leaving, AgentPresence.OFFLINE, 2, Instant.now(), 2, Map.of());

        // Then the failure was met, and the conversation still went back to the queue
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(sql(
                "SELECT state FROM routing.conversations WHERE conversation_id = $1", offer.conversationId())
                .iterator().next().getString("state")).isEqualTo("queued"));
        assertThat(sql("SELECT last_value FROM public.fail_requeue_once_seq").iterator().next()
                .getLong("last_value")).isGreaterThanOrEqualTo(2L);
        ConversationTransferred transferred = routing(key, EventType.CONVERSATION_TRANSFERRED);
        assertThat(transferred.fromAgentId()).isEqualTo(leaving);
        assertThat(load(leaving)).isZero();
    }
}
