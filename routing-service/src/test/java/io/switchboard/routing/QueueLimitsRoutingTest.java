package io.switchboard.routing;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.switchboard.events.CloudEventCodec;
import io.switchboard.events.AgentPresence;
import io.switchboard.events.ConversationOffered;
import io.switchboard.events.ConversationQueued;
import io.switchboard.events.EventType;
import io.switchboard.events.MessageReceived;
import io.switchboard.events.ReplyRequested;
import io.switchboard.events.Topics;
import io.switchboard.routing.queue.QueueBounds;
import io.switchboard.routing.queue.QueueCatalog;
import io.switchboard.testing.KafkaResource;
import io.switchboard.testing.PostgresResource;
import io.switchboard.testing.auth.TestTokens;

/**
 * What an admin can store cannot stop routing: queues at every limit of {@link QueueBounds} (the longest rule and
 * reply, most skills and steps, the longest waits and offer timeout, the highest priority) are stored, route their
 * own conversations, and the other queues keep routing. A value past a bound is a 400 listing every violation; a
 * version stored before the bounds is used within them.
 */
@QuarkusTest
@QuarkusTestResource(value = KafkaResource.class, initArgs = @ResourceArg(name = KafkaResource.TOPICS_ARG,
        value = "switchboard.inbound.v1:3,switchboard.agents.v1:3,switchboard.agent-actions.v1:3,"
                + "switchboard.routing.v1:3"))
@QuarkusTestResource(PostgresResource.class)
class QueueLimitsRoutingTest extends RoutingTestBase {

    @Inject
    QueueCatalog catalog;

    private static Map<String, Integer> skills(int level) {
        return IntStream.range(0, QueueBounds.MAX_REQUIRED_SKILLS).boxed().collect(Collectors.toMap(
                i -> "s" + String.format("%0" + (QueueBounds.MAX_SKILL_NAME - 1) + "d", i), i -> level));
    }

    /** A queue at every limit, matching only {@code account}'s conversations. */
    private static Map<String, Object> worst(String account, Map<String, Object> businessHours) {
        String rule = "channelAccountId == '" + account + "' && text != '";
        Map<String, Object> queue = new HashMap<>();
        queue.put("match", rule + "x".repeat(QueueBounds.MAX_MATCH_LENGTH - rule.length() - 1) + "'");
        queue.put("priority", QueueBounds.MAX_PRIORITY);
        queue.put("requiredSkills", skills(5));
        queue.put("offerTimeout", QueueBounds.MAX_OFFER_TIMEOUT.toString());
        List<Map<String, Object>> steps = new ArrayList<>(Collections.nCopies(QueueBounds.MAX_ESCALATION_STEPS,
                Map.of("after", QueueBounds.MAX_ESCALATION_WAIT.toString(), "overflowTo", "default")));
        queue.put("escalation", steps);
        if (businessHours != null) {
            queue.put("businessHours", businessHours);
        }
        return queue;
    }

    private static io.restassured.response.ValidatableResponse put(String id, Map<String, Object> queue) {
        return given().auth().oauth2(TestTokens.admin()).contentType(ContentType.JSON).body(queue).when()
                .put("/routing/queues/" + id).then();
    }

    @Test
    void queuesAtEveryLimitAreStoredAndRoutingGoesOn() {
        // Given a closed queue with the longest reply and most ranges, and an open one at every other limit
        String closedAccount = fresh("acct");
        String openAccount = fresh("acct");
        DayOfWeek otherDay = Instant.now().atZone(ZoneOffset.UTC).getDayOfWeek().plus(3);
        String reply = "We are closed. " + "z".repeat(QueueBounds.MAX_OUT_OF_HOURS_REPLY - 15);
        Map<String, Object> hours = Map.of("timeZone", "America/Argentina/Buenos_Aires", "outOfHoursReply", reply,
                "weekly", Collections.nCopies(QueueBounds.MAX_WEEKLY_RANGES,
                        Map.of("days", List.of(otherDay.name()), "from", "09:00", "to", "17:00")));
        put(fresh("closed"), worst(closedAccount, hours)).statusCode(200).body("version", equalTo(1));
        String openQueue = fresh("open");
        put(openQueue, worst(openAccount, null)).statusCode(200);
        String expert = fresh("expert");
        agent(expert, AgentPresence.AVAILABLE, 2, Instant.now().minusSeconds(60), 1, skills(5));

        // When a customer writes to each
        MessageReceived toClosed = message(closedAccount, fresh("user"), "hola");
        MessageReceived toOpen = message(openAccount, fresh("user"), "hola");
        send(toClosed);
        send(toOpen);

        // Then the closed queue answers with its whole reply, and the open one offers with its hour-long timeout
        routing(toClosed.conversationKey(), EventType.CONVERSATION_QUEUED);
        ReplyRequested outOfHours = (ReplyRequested) decode(kafka.awaitRecords(Topics.OUTBOUND, 1,
                record -> toClosed.conversationKey().equals(CloudEventCodec.header(record.headers(),
                        CloudEventCodec.HEADER_SUBJECT))).get(0));
        assertThat(outOfHours.content().text()).isEqualTo(reply);
        ConversationQueued queued = routing(toOpen.conversationKey(), EventType.CONVERSATION_QUEUED);
        assertThat(queued.queueId()).isEqualTo(openQueue);
        ConversationOffered offered = routing(toOpen.conversationKey(), EventType.CONVERSATION_OFFERED);
        assertThat(offered.agentId()).isEqualTo(expert);
        assertThat(Duration.between(Instant.now(), offered.expiresAt())).isGreaterThan(Duration.ofMinutes(55));

        // And the rest of routing goes on: an ordinary conversation is still offered
        String colleague = fresh("agent");
        availableAgent(colleague, Duration.ofMinutes(10), 1);
        MessageReceived ordinary = message(fresh("acct"), fresh("user"), "hello");
        send(ordinary);
        assertThat(((ConversationOffered) routing(ordinary.conversationKey(), EventType.CONVERSATION_OFFERED))
                .agentId()).isIn(colleague, expert);
    }

    @Test
    void aVersionStoredBeforeTheBoundsIsUsedWithinThem() {
        // Given a version written before the bounds existed (straight into the table, as the API once allowed)
        String account = fresh("acct");
        String id = fresh("legacy");
        Map<String, Object> absurd = new HashMap<>(Map.of("id", id, "match", "channelAccountId == '" + account + "'",
                "priority", 5_000_000, "offerTimeout", "PT1000000000H",
                "escalation", List.of(Map.of("after", "PT1000000000H", "overflowTo", "default"))));
        sql("INSERT INTO routing.queue_versions (queue_id, version, definition, source) VALUES ($1, 1, $2, 'api')",
                id, new io.vertx.core.json.JsonObject(absurd));
        catalog.refresh();
        String agent = fresh("agent");
        availableAgent(agent, Duration.ofMinutes(30), 1);

        // When its customer writes
        MessageReceived message = message(account, fresh("user"), "hola");
        send(message);

        // Then it is routed with the offer timeout at its bound, and routing goes on
        ConversationOffered offered = routing(message.conversationKey(), EventType.CONVERSATION_OFFERED);
        assertThat(offered.explanation().queueId()).isEqualTo(id);
        assertThat(offered.expiresAt()).isBefore(Instant.now().plus(QueueBounds.MAX_OFFER_TIMEOUT));
        assertThat(offered.expiresAt()).isAfter(Instant.now().plus(Duration.ofMinutes(55)));
    }

    @Test
    void pastABoundIsA400ListingEveryViolation() {
        String id = fresh("absurd");
        Map<String, Object> queue = worst(fresh("acct"), null);
        queue.put("offerTimeout", "PT1000000000H");
        queue.put("priority", 1_000_000);
        queue.put("escalation", List.of(Map.of("after", "PT87600H", "overflowTo", "default")));

        put(id, queue).statusCode(400).body("error", equalTo("invalid_queue"))
                .body("violations", hasItem("offerTimeout: must be PT5S to PT1H, was PT1000000000H"))
                .body("violations", hasItem("priority: must be -1000 to 1000, was 1000000"))
                .body("violations", hasItem("escalation[0].after: must be PT1S to PT168H, was PT87600H"));
        given().auth().oauth2(TestTokens.admin()).get("/routing/queues/" + id).then().statusCode(404);
    }
}
