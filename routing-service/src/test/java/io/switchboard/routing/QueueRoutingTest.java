package io.switchboard.routing;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.startsWith;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import io.switchboard.events.AgentPresence;
import io.switchboard.events.Channel;
import io.switchboard.events.CloudEventCodec;
import io.switchboard.events.ConversationAssigned;
import io.switchboard.events.ConversationEscalated;
import io.switchboard.events.ConversationOffered;
import io.switchboard.events.ConversationQueued;
import io.switchboard.events.Customer;
import io.switchboard.events.EventType;
import io.switchboard.events.MessageContent;
import io.switchboard.events.MessageReceived;
import io.switchboard.events.RawRef;
import io.switchboard.events.ReplyRequested;
import io.switchboard.events.Topics;
import io.switchboard.testing.KafkaResource;
import io.switchboard.testing.KafkaTestClient;
import io.switchboard.testing.PostgresResource;
import io.switchboard.testing.auth.TestTokens;

/**
 * Queues as data through the admin API, against the real broker and database. Each test's queues match only its own
 * WhatsApp account, so they leave the other tests' conversations alone.
 */
@QuarkusTest
@QuarkusTestResource(value = KafkaResource.class, initArgs = @ResourceArg(name = KafkaResource.TOPICS_ARG,
        value = "switchboard.inbound.v1:3,switchboard.agents.v1:3,switchboard.agent-actions.v1:3,"
                + "switchboard.routing.v1:3"))
@QuarkusTestResource(PostgresResource.class)
class QueueRoutingTest extends RoutingTestBase {

    @Test
    void theAdminApiRefusesBadQueuesWithTheReasonAndVersionsEveryChange() {
        String account = fresh("acct");
        String id = fresh("billing");
        Map<String, Object> queue = queue(id, "channelAccountId == '" + account + "'", 3);

        // Refused, with the reason (the messaging core's ErrorBody: a code, and the message for people)
        put(id, with(queue, "match", "channelAccountId ==")).statusCode(400).body("error", equalTo("invalid_queue"))
                .body("message", startsWith("match rule does not compile: ERROR: <input>:1:20: mismatched input"));
        put(id, with(queue, "requiredSkills", Map.of("billing", 7))).statusCode(400)
                .body("error", equalTo("invalid_queue"))
                .body("message", equalTo("requiredSkills.billing must be 1 to 5, was 7"));
        put(id, with(queue, "strategy", "ROUND_ROBIN")).statusCode(400).body("error", equalTo("malformed_json"))
                .body("message", containsString("Cannot deserialize value of type"));
        put(id, with(queue, "prority", 3)).statusCode(400).body("error", equalTo("malformed_json"))
                .body("message", containsString("Unrecognized field \"prority\""));
        put(id, with(queue, "id", "other")).statusCode(400).body("error", equalTo("invalid_queue"))
                .body("message", equalTo("id other in the body differs from " + id + " in the path"));
        admin().contentType(ContentType.JSON).body("{").when().post("/routing/queues").then().statusCode(400)
                .body("error", equalTo("malformed_json"));
        admin().when().get("/routing/queues/" + id).then().statusCode(404).body("error", equalTo("unknown_queue"));

        // Created, changed, unchanged
        admin().contentType(ContentType.JSON).body(queue).when().post("/routing/queues").then().statusCode(201)
                .body("version", equalTo(1));
        admin().contentType(ContentType.JSON).body(queue).when().post("/routing/queues").then().statusCode(409)
                .body("error", equalTo("queue_exists"));
        put(id, with(queue, "priority", 4)).statusCode(200).body("version", equalTo(2));
        put(id, with(queue, "priority", 4)).statusCode(200).body("version", equalTo(2));
        admin().when().get("/routing/queues/" + id).then().statusCode(200).body("version", equalTo(2))
                .body("definition.priority", equalTo(4)).body("definition.offerTimeout", equalTo("PT30S"));
        admin().when().get("/routing/queues/" + id + "/versions").then().statusCode(200).body("$", hasSize(2))
                .body("[0].definition.priority", equalTo(3));
        admin().when().get("/routing/queues").then().statusCode(200).body("id", hasItems(
                "default", id));

        // A matching conversation waits in it, and records the version that routed it
        MessageReceived message = message(account, fresh("user"), "hi");
        send(message);
        ConversationQueued queued = routing(message.conversationKey(), EventType.CONVERSATION_QUEUED);
        assertThat(queued.queueId()).isEqualTo(id);
        assertThat(queued.priority()).isEqualTo(4);
        assertThat(queued.explanation().ruleVersion()).isEqualTo(2L);
        assertThat(sql("SELECT queue_id, queue_version FROM routing.conversations WHERE conversation_id = $1",
                queued.conversationId()).iterator().next().getLong("queue_version")).isEqualTo(2L);
    }

    @Test
    void higherPriorityIsServedFirstThenTheOldest() {
        // Given two queues of one account and three waiting conversations, nobody available
        String account = fresh("acct");
        put(fresh("low"), queue(null, "channelAccountId == '" + account + "' && text == 'low'", 1)).statusCode(200);
        put(fresh("high"), queue(null, "channelAccountId == '" + account + "' && text == 'high'", 9)).statusCode(200);
        MessageReceived olderLow = message(account, fresh("user"), "low");
        MessageReceived newerLow = message(account, fresh("user"), "low");
        MessageReceived high = message(account, fresh("user"), "high");
        for (MessageReceived message : List.of(olderLow, newerLow, high)) {
            send(message);
            routing(message.conversationKey(), EventType.CONVERSATION_QUEUED);
        }

        // When one agent with room for one comes, then another
        availableAgent(fresh("agent-1"), Duration.ofMinutes(1), 1);
        ConversationOffered first = routing(high.conversationKey(), EventType.CONVERSATION_OFFERED);
        availableAgent(fresh("agent-2"), Duration.ofMinutes(1), 1);
        ConversationOffered second = routing(olderLow.conversationKey(), EventType.CONVERSATION_OFFERED);

        // Then
        assertThat(first.explanation().queueId()).startsWith("high-");
        assertThat(second.explanation().queueId()).startsWith("low-");
        assertThat(published(newerLow.conversationKey(), EventType.CONVERSATION_OFFERED)).isEmpty();
    }

    @Test
    void aQueueAssignsDirectlyToTheBestSkilledAgent() {
        // Given
        String account = fresh("acct");
        Map<String, Object> queue = queue(null, "channelAccountId == '" + account + "'", 0);
        queue.put("strategy", "BEST_SKILL");
        queue.put("directAssignment", true);
        queue.put("requiredSkills", Map.of("billing", 2, "spanish", 2));
        put(fresh("spanish-billing"), queue).statusCode(200);
        String expert = fresh("expert");
        String idleNovice = fresh("novice");
        agent(expert, AgentPresence.AVAILABLE, 2, Instant.now(), 1, Map.of("billing", 5, "spanish", 4));
        agent(idleNovice, AgentPresence.AVAILABLE, 2, Instant.now().minusSeconds(3600), 1,
                Map.of("billing", 2, "spanish", 3));

        // When
        MessageReceived message = message(account, fresh("user"), "hola");
        send(message);

        // Then
        ConversationAssigned assigned = routing(message.conversationKey(), EventType.CONVERSATION_ASSIGNED);
        assertThat(assigned.agentId()).isEqualTo(expert);
        assertThat(assigned.offerId()).isNull();
        assertThat(assigned.explanation().strategy()).isEqualTo("best_skill");
        assertThat(assigned.explanation().winnerReason()).isEqualTo("skill score 9, best skilled of 2 eligible");
        assertThat(published(message.conversationKey(), EventType.CONVERSATION_OFFERED)).isEmpty();
    }

    @Test
    void outOfHoursTheCustomerIsToldOnceAndNobodyIsOfferedUntilTheQueueOpens() {
        // Given a queue open only on a day that is not today, and an agent ready
        String account = fresh("acct");
        String id = fresh("office");
        DayOfWeek otherDay = Instant.now().atZone(ZoneOffset.UTC).getDayOfWeek().plus(3);
        Map<String, Object> queue = queue(id, "channelAccountId == '" + account + "'", 0);
        queue.put("businessHours", Map.of("timeZone", "UTC", "outOfHoursReply", "We open at 9.",
                "weekly", List.of(Map.of("days", List.of(otherDay.name()), "from", "09:00", "to", "17:00"))));
        put(id, queue).statusCode(200);
        String agent = fresh("agent");
        availableAgent(agent, Duration.ofMinutes(5), 2);

        // When the customer writes twice
        MessageReceived first = message(account, fresh("user"), "anyone?");
        send(first);
        send(message(account, first.customer().externalUserId(), "hello??"));

        // Then one automated reply through the outbound topic, and no offer
        ConversationQueued queued = routing(first.conversationKey(), EventType.CONVERSATION_QUEUED);
        ReplyRequested reply = (ReplyRequested) decode(kafka.awaitRecords(Topics.OUTBOUND, 1,
                record -> first.conversationKey().equals(CloudEventCodec.header(record.headers(),
                        CloudEventCodec.HEADER_SUBJECT))).get(0));
        assertThat(reply.eventId()).isEqualTo(queued.conversationId() + ":out-of-hours");
        assertThat(reply.content().text()).isEqualTo("We open at 9.");
        assertThat(reply.agentId()).isNull();
        assertThat(reply.recipient().userId()).isEqualTo(first.customer().externalUserId());
        await().atMost(Duration.ofSeconds(30)).until(() -> sql("SELECT 1 FROM routing.held_messages h JOIN"
                + " routing.conversations c USING (conversation_id) WHERE c.conversation_key = $1",
                first.conversationKey()).size() == 2);
        sleepSweeps(2);
        assertThat(kafka.readAll(Topics.OUTBOUND).stream().filter(r -> first.conversationKey().equals(
                CloudEventCodec.header(r.headers(), CloudEventCodec.HEADER_SUBJECT))))
                .hasSize(1);
        assertThat(published(first.conversationKey(), EventType.CONVERSATION_OFFERED)).isEmpty();

        // When the queue is made always open
        queue.remove("businessHours");
        put(id, queue).statusCode(200).body("version", equalTo(2));

        // Then the waiting conversation is offered
        ConversationOffered offered = routing(first.conversationKey(), EventType.CONVERSATION_OFFERED);
        assertThat(offered.agentId()).isEqualTo(agent);
        assertThat(offered.explanation().ruleVersion()).isEqualTo(2L);
    }

    @Test
    void outOfHoursReplyToACustomSourceNamesItsConversationAndUser() {
        // Given a closed queue for a custom source (its key names the source's conversation, not its user)
        String source = fresh("src");
        String id = fresh("office");
        DayOfWeek otherDay = Instant.now().atZone(ZoneOffset.UTC).getDayOfWeek().plus(3);
        Map<String, Object> queue = queue(id, "channelAccountId == '" + source + "'", 0);
        queue.put("businessHours", Map.of("timeZone", "UTC", "outOfHoursReply", "We open at 9.",
                "weekly", List.of(Map.of("days", List.of(otherDay.name()), "from", "09:00", "to", "17:00"))));
        put(id, queue).statusCode(200);
        String conversation = fresh("conv");
        String user = fresh("cust");
        MessageReceived message = new MessageReceived("custom:" + source + ":" + UUID.randomUUID(), Channel.CUSTOM,
                source, Channel.CUSTOM.conversationKey(source, conversation),
                Customer.of(user, Map.of("external_id", user)), "msg_" + UUID.randomUUID(), Instant.now(),
                Instant.now(), MessageContent.text("anyone?"), new RawRef(Topics.RAW_WEBHOOKS, 0, 0));

        // When the customer writes
        send(message);

        // Then the automated reply carries both of the source's ids (custom-source.md 7.1)
        ReplyRequested reply = (ReplyRequested) decode(kafka.awaitRecords(Topics.OUTBOUND, 1,
                record -> message.conversationKey().equals(CloudEventCodec.header(record.headers(),
                        CloudEventCodec.HEADER_SUBJECT))).get(0));
        assertThat(reply.channel()).isEqualTo(Channel.CUSTOM);
        assertThat(reply.recipient().conversationId()).isEqualTo(conversation);
        assertThat(reply.recipient().userId()).isEqualTo(user);
    }

    @Test
    void escalationLowersThenDropsASkillUntilSomeoneCanTakeIt() {
        // Given a queue asking billing 4, an agent without billing at all
        String account = fresh("acct");
        Map<String, Object> queue = queue(null, "channelAccountId == '" + account + "'", 0);
        queue.put("requiredSkills", Map.of("billing", 4));
        queue.put("escalation", List.of(Map.of("after", "PT1S", "lowerSkill", "billing", "minProficiency", 3),
                Map.of("after", "PT1S", "dropSkill", "billing")));
        String id = fresh("ladder");
        put(id, queue).statusCode(200);
        String generalist = fresh("generalist");
        availableAgent(generalist, Duration.ofMinutes(2), 1);

        // When
        MessageReceived message = message(account, fresh("user"), "my invoice");
        send(message);

        // Then
        List<ConversationEscalated> steps = routing(message.conversationKey(), EventType.CONVERSATION_ESCALATED, 2);
        assertThat(steps).extracting(ConversationEscalated::escalationStep).containsExactly(1, 2);
        assertThat(steps.get(0).reason()).isEqualTo("waited 1s at step 0: lowered billing to 3");
        assertThat(steps.get(0).explanation().requirements()).contains("skill billing >= 3");
        assertThat(steps.get(0).explanation().escalationStep()).isEqualTo(1);
        assertThat(steps.get(1).reason()).isEqualTo("waited 1s at step 1: dropped skill billing");
        assertThat(steps.get(1).previousQueueId()).isNull();
        ConversationOffered offered = routing(message.conversationKey(), EventType.CONVERSATION_OFFERED);
        assertThat(offered.agentId()).isEqualTo(generalist);
        assertThat(offered.explanation().escalationStep()).isEqualTo(2);
        assertThat(offered.explanation().requirements()).containsExactly("channel whatsapp");
    }

    @Test
    void escalationOverflowsToAnotherQueue() {
        // Given a queue nobody qualifies for, overflowing to one that matches nothing by itself
        String account = fresh("acct");
        String overflow = fresh("overflow");
        put(overflow, queue(null, "false", 2)).statusCode(200);
        Map<String, Object> queue = queue(null, "channelAccountId == '" + account + "'", 0);
        queue.put("requiredSkills", Map.of("unicorns", 5));
        queue.put("escalation", List.of(Map.of("after", "PT1S", "overflowTo", overflow)));
        String first = fresh("experts");
        put(first, queue).statusCode(200);
        String agent = fresh("agent");
        availableAgent(agent, Duration.ofMinutes(2), 1);

        // When
        MessageReceived message = message(account, fresh("user"), "help");
        send(message);

        // Then
        ConversationEscalated escalated = routing(message.conversationKey(), EventType.CONVERSATION_ESCALATED);
        assertThat(escalated.previousQueueId()).isEqualTo(first);
        assertThat(escalated.queueId()).isEqualTo(overflow);
        assertThat(escalated.escalationStep()).isEqualTo(1);
        assertThat(escalated.reason()).isEqualTo("waited 1s at step 0: overflowed to queue " + overflow);
        ConversationOffered offered = routing(message.conversationKey(), EventType.CONVERSATION_OFFERED);
        assertThat(offered.queueId()).isEqualTo(overflow);
        assertThat(offered.agentId()).isEqualTo(agent);
    }

    private static Map<String, Object> queue(String id, String match, int priority) {
        Map<String, Object> queue = new HashMap<>();
        if (id != null) {
            queue.put("id", id);
        }
        queue.put("match", match);
        queue.put("priority", priority);
        return queue;
    }

    private static Map<String, Object> with(Map<String, Object> queue, String field, Object value) {
        Map<String, Object> changed = new HashMap<>(queue);
        changed.put(field, value);
        return changed;
    }

    private static io.restassured.response.ValidatableResponse put(String id, Map<String, Object> queue) {
        return admin().contentType(ContentType.JSON).body(queue).when().put("/routing/queues/" + id).then();
    }

    private static void sleepSweeps(int sweeps) {
        try {
            Thread.sleep(sweeps * 1000L + 500);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Queue administration needs the admin role. */
    private static RequestSpecification admin() {
        return given().auth().oauth2(TestTokens.admin());
    }
}
