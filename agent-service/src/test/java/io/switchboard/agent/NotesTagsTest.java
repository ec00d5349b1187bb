package io.switchboard.agent;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Collections;
import java.util.List;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import io.switchboard.events.Topics;
import io.switchboard.testing.KafkaTestClient;
import io.switchboard.testing.auth.TestTokens;

/**
 * Internal notes and tags: the assigned agent and supervisors add and read them, another agent gets 403, a retried
 * POST adds no second note, they show in the conversation's details and its history, and nothing of them goes to
 * the customer.
 */
@QuarkusTest
class NotesTagsTest {

    @Test
    void theAssignedAgentAndSupervisorsKeepNotesAndTagsOthersCannot() {
        String agent = ActionsTest.agent();
        String other = ActionsTest.agent();
        String first = "c1-" + Routing.id();
        String key = ActionsTest.assignedConversation(agent, first, Instant.now());
        String text = "call back after 17:00, ticket R-" + Routing.id();

        // An agent's note, retried with the same key: one note
        long id = note(TestTokens.agent(agent), "/me", key, "k-1", text).statusCode(201)
                .body("authorId", equalTo(agent)).body("authorRole", equalTo("agent"))
                .body("conversationId", equalTo(first)).body("text", equalTo(text)).extract().jsonPath().getLong("id");
        note(TestTokens.agent(agent), "/me", key, "k-1", text).statusCode(201).body("id", equalTo((int) id));
        given().auth().oauth2(TestTokens.agent(agent)).get("/me/conversations/" + key + "/notes").then()
                .statusCode(200).body("size()", equalTo(1)).body("[0].text", equalTo(text));

        // Bounds and the key
        note(TestTokens.agent(agent), "/me", key, null, "x").statusCode(400)
                .body("error", equalTo("idempotency_key_required"));
        note(TestTokens.agent(agent), "/me", key, "k-2", "x".repeat(4097)).statusCode(400);
        note(TestTokens.agent(agent), "/me", key, "k-3", " ").statusCode(400);

        // Tags: trimmed, repeats dropped, order kept; at most 20 of at most 64 characters
        tags(TestTokens.agent(agent), "/me", key, "[\" refund \", \"vip\", \"refund\"]").statusCode(200)
                .body("tags", equalTo(List.of("refund", "vip"))).body("updatedBy", equalTo(agent));
        tags(TestTokens.agent(agent), "/me", key, "[" + String.join(",", Collections.nCopies(21, "\"t\"")) + "]")
                .statusCode(400);
        tags(TestTokens.agent(agent), "/me", key, "[\"" + "t".repeat(65) + "\"]").statusCode(400);
        given().auth().oauth2(TestTokens.agent(agent)).get("/me/conversations/" + key + "/tags").then()
                .statusCode(200).body("tags", equalTo(List.of("refund", "vip")));

        // Another agent: neither read nor write; an unknown conversation is 404
        note(TestTokens.agent(other), "/me", key, "k-9", "mine now").statusCode(403).body("error", equalTo("not_yours"));
        given().auth().oauth2(TestTokens.agent(other)).get("/me/conversations/" + key + "/notes").then()
                .statusCode(403);
        tags(TestTokens.agent(other), "/me", key, "[\"spam\"]").statusCode(403);
        given().auth().oauth2(TestTokens.agent(other)).get("/me/conversations/" + key + "/tags").then()
                .statusCode(403);
        note(TestTokens.agent(other), "/me", "wa:1:0", "k-9", "x").statusCode(404)
                .body("error", equalTo("unknown_conversation"));

        // A supervisor reads and writes both
        note(TestTokens.supervisor(), "", key, "s-1", "escalated to billing").statusCode(201)
                .body("authorRole", equalTo("supervisor"));
        given().auth().oauth2(TestTokens.supervisor()).get("/conversations/" + key + "/notes").then()
                .statusCode(200).body("text", equalTo(List.of(text, "escalated to billing")));
        tags(TestTokens.supervisor(), "", key, "[\"refund\", \"vip\", \"billing\"]").statusCode(200);

        // In the conversation's details, for the agent and the supervisor
        given().auth().oauth2(TestTokens.agent(agent)).get("/me/conversations/" + key).then().statusCode(200)
                .body("notes.text", equalTo(List.of(text, "escalated to billing")))
                .body("tags", equalTo(List.of("refund", "vip", "billing")));
        given().auth().oauth2(TestTokens.supervisor()).get("/conversations/" + key).then().statusCode(200)
                .body("notes.size()", equalTo(2));

        // Internal: nothing with the note's text went towards the customer
        try (KafkaTestClient kafka = new KafkaTestClient()) {
            assertThat(kafka.readAll(Topics.OUTBOUND)).noneMatch(record -> record.value() != null
                    && new String(record.value(), StandardCharsets.UTF_8).contains(text));
        }

        // The episode closes and the customer writes again: a fresh episode, the old notes in its history
        String second = "c2-" + Routing.id();
        Routing.publish(Routing.resolved(key, first, agent));
        Routing.publish(Routing.assigned(key, second, agent));
        Routing.publish(Routing.routed(key, second, agent, "back again", Instant.now()));
        Awaitility.await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> given().auth()
                .oauth2(TestTokens.agent(agent)).get("/me/conversations/" + key).then().statusCode(200)
                .body("conversationId", equalTo(second)).body("transcript.text", hasItem("back again"))
                .body("notes.size()", equalTo(0)).body("tags.size()", equalTo(0)));
        given().auth().oauth2(TestTokens.agent(agent)).get("/me/conversations/" + key + "/history/" + first).then()
                .statusCode(200).body("notes.text", equalTo(List.of(text, "escalated to billing")))
                .body("tags", equalTo(List.of("refund", "vip", "billing")));
    }

    private static ValidatableResponse note(String token, String prefix, String key, String idempotencyKey,
            String text) {
        var request = given().auth().oauth2(token).contentType(ContentType.JSON)
                .body("{\"text\": \"" + text + "\"}");
        if (idempotencyKey != null) {
            request = request.header("Idempotency-Key", idempotencyKey);
        }
        return request.post(prefix + "/conversations/" + key + "/notes").then();
    }

    private static ValidatableResponse tags(String token, String prefix, String key, String tags) {
        return given().auth().oauth2(token).contentType(ContentType.JSON).body("{\"tags\": " + tags + "}")
                .put(prefix + "/conversations/" + key + "/tags").then();
    }
}
