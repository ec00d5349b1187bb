package io.switchboard.routing;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.switchboard.events.CloudEventCodec;
import io.switchboard.events.ConversationAbandoned;
import io.switchboard.events.ConversationAssigned;
import io.switchboard.events.ConversationEscalated;
import io.switchboard.events.ConversationOffered;
import io.switchboard.events.ConversationQueued;
import io.switchboard.events.EventType;
import io.switchboard.events.MessageReceived;
import io.switchboard.events.MessageRouted;
import io.switchboard.events.ReplyRequested;
import io.switchboard.events.Topics;
import io.switchboard.testing.KafkaResource;
import io.switchboard.testing.PostgresResource;

/**
 * A queue's timers against the real broker and database: the maximum wait (overflow, or abandoned with a message to
 * the customer), the inactivity timeout of assigned conversations, and the service level.
 */
@QuarkusTest
@QuarkusTestResource(value = KafkaResource.class, initArgs = @ResourceArg(name = KafkaResource.TOPICS_ARG,
        value = "switchboard.inbound.v1:3,switchboard.agents.v1:3,switchboard.agent-actions.v1:3,"
                + "switchboard.routing.v1:3"))
@QuarkusTestResource(PostgresResource.class)
class QueueTimersTest extends RoutingTestBase {

    @Test
    void theAdminApiKeepsTheTimersAndRefusesThemOutOfBounds() {
        String id = fresh("timed");
        Map<String, Object> queue = QueueAdmin.queue("false", 0);
        queue.put("maxWait", Map.of("after", "PT0S"));
        QueueAdmin.put(id, queue).statusCode(400).body("error", equalTo("invalid_queue"))
                .body("message", equalTo("maxWait.after must be from PT1S to PT168H, was PT0S"));
        queue.put("maxWait", Map.of("after", "PT5M", "overflowTo", "nowhere"));
        QueueAdmin.put(id, queue).statusCode(400)
                .body("message", equalTo("maxWait.overflowTo names unknown queue nowhere"));
        queue.put("maxWait", Map.of("after", "PT5M", "abandonMessage", "x".repeat(4097)));
        QueueAdmin.put(id, queue).statusCode(400)
                .body("message", equalTo("maxWait.abandonMessage must be 1 to 4096 characters without NUL"));
        queue.put("maxWait", Map.of("after", "PT5M", "abandonMessage", "Sorry, nobody is free."));
        queue.put("inactivityTimeout", "P31D");
        QueueAdmin.put(id, queue).statusCode(400)
                .body("message", equalTo("inactivityTimeout must be from PT1S to PT720H, was PT744H"));
        queue.put("inactivityTimeout", "PT30M");
        queue.put("serviceLevelTarget", "PT0.5S");
        QueueAdmin.put(id, queue).statusCode(400)
                .body("message", equalTo("serviceLevelTarget must be from PT1S to PT24H, was PT0.5S"));
        queue.put("serviceLevelTarget", "PT20S");

        QueueAdmin.put(id, queue).statusCode(200).body("version", equalTo(1));
        QueueAdmin.get(id).statusCode(200).body("definition.maxWait.after", equalTo("PT5M"))
                .body("definition.maxWait.abandonMessage", equalTo("Sorry, nobody is free."))
                .body("definition.inactivityTimeout", equalTo("PT30M"))
                .body("definition.serviceLevelTarget", equalTo("PT20S"));
    }

    @Test
    void pastTheMaximumWaitAConversationOverflowsToTheConfiguredQueue() {
        // Given a queue nobody qualifies for, overflowing after 2 s to one that matches nothing by itself
        String account = fresh("acct");
        String overflow = fresh("overflow");
        QueueAdmin.put(overflow, QueueAdmin.queue("false", 1)).statusCode(200);
        String experts = fresh("experts");
        Map<String, Object> queue = QueueAdmin.queue("channelAccountId == '" + account + "'", 0);
        queue.put("requiredSkills", Map.of("unicorns", 5));
        queue.put("maxWait", Map.of("after", "PT2S", "overflowTo", overflow));
        QueueAdmin.put(experts, queue).statusCode(200);
        String agent = fresh("agent");
        availableAgent(agent, Duration.ofMinutes(2), 1);

        // When
        MessageReceived message = message(account, fresh("user"), "help");
        send(message);

        // Then
        ConversationQueued queued = routing(message.conversationKey(), EventType.CONVERSATION_QUEUED);
        ConversationEscalated moved = routing(message.conversationKey(), EventType.CONVERSATION_ESCALATED);
        assertThat(moved.previousQueueId()).isEqualTo(experts);
        assertThat(moved.queueId()).isEqualTo(overflow);
        assertThat(moved.escalationStep()).isZero();
        assertThat(moved.reason()).isEqualTo("waited 2s in queue " + experts + " (maximum wait): overflowed to queue "
                + overflow);
        assertThat(Duration.between(queued.occurredAt(), moved.occurredAt())).isGreaterThanOrEqualTo(
                Duration.ofSeconds(2));
        ConversationOffered offered = routing(message.conversationKey(), EventType.CONVERSATION_OFFERED);
        assertThat(offered.queueId()).isEqualTo(overflow);
        assertThat(offered.agentId()).isEqualTo(agent);
        assertThat(published(message.conversationKey(), EventType.CONVERSATION_ABANDONED)).isEmpty();
    }

    @Test
    void pastTheMaximumWaitAConversationIsAbandonedAndTheCustomerTold() {
        // Given a queue nobody qualifies for, giving up after 2 s with a message
        String account = fresh("acct");
        Map<String, Object> queue = QueueAdmin.queue("channelAccountId == '" + account + "'", 0);
        queue.put("requiredSkills", Map.of("unicorns", 5));
        queue.put("maxWait", Map.of("after", "PT2S", "abandonMessage", "Sorry, nobody is free. Write again later."));
        String id = fresh("give-up");
        QueueAdmin.put(id, queue).statusCode(200);
        availableAgent(fresh("agent"), Duration.ofMinutes(2), 1);

        // When the customer writes twice
        MessageReceived first = message(account, fresh("user"), "anyone?");
        send(first);
        send(message(account, first.customer().externalUserId(), "hello??"));

        // Then abandoned with the reason, its held messages gone, the customer told once through the outbound topic
        ConversationQueued queued = routing(first.conversationKey(), EventType.CONVERSATION_QUEUED);
        ConversationAbandoned abandoned = routing(first.conversationKey(), EventType.CONVERSATION_ABANDONED);
        assertThat(abandoned.conversationId()).isEqualTo(queued.conversationId());
        assertThat(abandoned.reason()).isEqualTo("max_wait_exceeded");
        assertThat(abandoned.queueId()).isEqualTo(id);
        assertThat(abandoned.agentId()).isNull();
        assertThat(Duration.between(abandoned.queuedAt(), abandoned.occurredAt())).isGreaterThanOrEqualTo(
                Duration.ofSeconds(2));
        ReplyRequested reply = (ReplyRequested) decode(kafka.awaitRecords(Topics.OUTBOUND, 1,
                record -> first.conversationKey().equals(CloudEventCodec.header(record.headers(),
                        CloudEventCodec.HEADER_SUBJECT))).get(0));
        assertThat(reply.eventId()).isEqualTo(queued.conversationId() + ":abandoned");
        assertThat(reply.content().text()).isEqualTo("Sorry, nobody is free. Write again later.");
        assertThat(reply.agentId()).isNull();
        assertThat(reply.recipient().userId()).isEqualTo(first.customer().externalUserId());
        assertThat(sql("SELECT state FROM routing.conversations WHERE conversation_id = $1", queued.conversationId())
                .iterator().next().getString("state")).isEqualTo("abandoned");
        assertThat(sql("SELECT 1 FROM routing.held_messages WHERE conversation_id = $1", queued.conversationId()))
                .isEmpty();
        assertThat(published(first.conversationKey(), EventType.CONVERSATION_OFFERED)).isEmpty();

        // And the customer's next message opens a new conversation
        send(message(account, first.customer().externalUserId(), "still there?"));
        ConversationQueued again = nth(first.conversationKey(), EventType.CONVERSATION_QUEUED, 2);
        assertThat(again.conversationId()).isNotEqualTo(queued.conversationId());
    }

    @Test
    void aSilentCustomerIsAbandonedAndTheAgentsCapacityGoesToTheNextInLine() throws InterruptedException {
        // Given an agent with room for one, in a queue that gives a silent customer 4 s
        String account = fresh("acct");
        Map<String, Object> queue = QueueAdmin.queue("channelAccountId == '" + account + "'", 0);
        queue.put("directAssignment", true);
        queue.put("inactivityTimeout", "PT4S");
        String id = fresh("chatty");
        QueueAdmin.put(id, queue).statusCode(200);
        String agent = fresh("agent");
        availableAgent(agent, Duration.ofMinutes(2), 1);
        MessageReceived first = message(account, fresh("user"), "hi");
        send(first);
        ConversationAssigned assigned = routing(first.conversationKey(), EventType.CONVERSATION_ASSIGNED);
        MessageReceived other = message(account, fresh("user"), "me too");
        send(other);
        routing(other.conversationKey(), EventType.CONVERSATION_QUEUED);

        // When the customer writes again 2 s after the assignment (the timer starts over), then goes silent
        Thread.sleep(Math.max(0, Duration.between(Instant.now(), assigned.occurredAt().plusSeconds(2)).toMillis()));
        Instant lastWrote = Instant.now();
        MessageReceived later = message(account, first.customer().externalUserId(), "one more thing");
        send(later);

        // Then it reached the agent, and the conversation is abandoned as inactive 4 s after it, the agent named
        MessageRouted routed = (MessageRouted) routing(first.conversationKey(), EventType.MESSAGE_ROUTED, 2).stream()
                .filter(e -> ((MessageRouted) e).messageEventId().equals(later.eventId())).findFirst().orElseThrow();
        assertThat(routed.conversationId()).isEqualTo(assigned.conversationId());
        ConversationAbandoned abandoned = routing(first.conversationKey(), EventType.CONVERSATION_ABANDONED);
        assertThat(abandoned.conversationId()).isEqualTo(assigned.conversationId());
        assertThat(abandoned.reason()).isEqualTo("customer_inactive");
        assertThat(abandoned.agentId()).isEqualTo(agent);
        assertThat(abandoned.occurredAt()).isAfter(lastWrote.plusSeconds(4));
        // And the agent's unit of capacity goes to the one waiting
        ConversationAssigned next = routing(other.conversationKey(), EventType.CONVERSATION_ASSIGNED);
        assertThat(next.agentId()).isEqualTo(agent);
        assertThat(load(agent)).isEqualTo(1);
        assertThat(sql("SELECT state FROM routing.conversations WHERE conversation_id = $1",
                assigned.conversationId()).iterator().next().getString("state")).isEqualTo("abandoned");
    }

    @Test
    void theServiceLevelIsTheShareAnsweredWithinTheTarget() {
        // Given a queue answering within 2 s, an agent with room for one
        String account = fresh("acct");
        Map<String, Object> queue = QueueAdmin.queue("channelAccountId == '" + account + "'", 0);
        queue.put("directAssignment", true);
        queue.put("serviceLevelTarget", "PT2S");
        String id = fresh("sla");
        QueueAdmin.put(id, queue).statusCode(200);
        availableAgent(fresh("agent"), Duration.ofMinutes(2), 1);

        // When one conversation is answered at once and another only after 3 s, when a second agent comes
        MessageReceived quick = message(account, fresh("user"), "hi");
        send(quick);
        routing(quick.conversationKey(), EventType.CONVERSATION_ASSIGNED);
        MessageReceived slow = message(account, fresh("user"), "hi");
        send(slow);
        routing(slow.conversationKey(), EventType.CONVERSATION_QUEUED);
        await().pollDelay(Duration.ofSeconds(3)).until(() -> true);
        availableAgent(fresh("agent"), Duration.ofMinutes(1), 1);
        routing(slow.conversationKey(), EventType.CONVERSATION_ASSIGNED);

        // Then one of two met the target
        await().atMost(Duration.ofSeconds(10)).until(() -> gauge("switchboard_routing_queue_service_level_counted", id)
                == 2.0);
        assertThat(gauge("switchboard_routing_queue_service_level", id)).isEqualTo(0.5);
    }

    private static double gauge(String name, String queue) {
        String metrics = given().get("/q/metrics").then().statusCode(200).extract().asString();
        Matcher value = Pattern.compile("(?m)^" + name + "\\{queue=\"" + Pattern.quote(queue) + "\"} (\\S+)$")
                .matcher(metrics);
        return value.find() ? Double.parseDouble(value.group(1)) : -1;
    }
}
