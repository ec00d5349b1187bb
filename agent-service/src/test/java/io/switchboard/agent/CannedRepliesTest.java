package io.switchboard.agent;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import io.switchboard.events.Customer;
import io.switchboard.testing.auth.TestTokens;

/**
 * Supervisors manage canned replies; the agent of a conversation gets those whose scope fits it, rendered for its
 * customer (a fallback when the name is missing) and for the agent; another agent gets 403.
 */
@QuarkusTest
class CannedRepliesTest {

    private static final String GREETING = "Hi {{customer.firstName|there}}, I'm {{agent.name}}. {{ customer.name }}!";

    @Test
    void supervisorsManageThemAndTheAssignedAgentGetsThemRendered() {
        String run = Routing.id();
        String greeting = create("k-" + run, "{\"title\": \"Greeting " + run + "\", \"text\": \"" + GREETING + "\"}")
                .statusCode(201).extract().path("id");
        // A retry with the key: the same reply
        assertThat(create("k-" + run, "{\"title\": \"Greeting " + run + "\", \"text\": \"" + GREETING + "\"}")
                .statusCode(201).extract().<String>path("id")).isEqualTo(greeting);
        String billing = create("b-" + run, "{\"title\": \"Billing " + run + "\", \"text\": \"Your invoice\","
                + " \"queueId\": \"billing\"}").statusCode(201).extract().path("id");
        String whatsapp = create("w-" + run, "{\"title\": \"WhatsApp " + run + "\", \"text\": \"Hello\","
                + " \"queueId\": \"support\", \"channel\": \"whatsapp\"}").statusCode(201).extract().path("id");
        create("x-" + run, "{\"title\": \"Bad\", \"text\": \"Hi {{customer.email}}\"}").statusCode(400)
                .body("error", equalTo("unknown_placeholder")).body("violations", equalTo(List.of(
                        "text: {{customer.email}}")));
        create("y-" + run, "{\"title\": \"Bad\", \"text\": \"" + "x".repeat(4097) + "\"}").statusCode(400);
        create("z-" + run, "{\"title\": \"Bad\", \"text\": \"hi\", \"channel\": \"telegram\"}").statusCode(400);
        create(null, "{\"title\": \"No key\", \"text\": \"hi\"}").statusCode(400)
                .body("error", equalTo("idempotency_key_required"));
        given().auth().oauth2(TestTokens.supervisor()).get("/canned-replies?queueId=support").then().statusCode(200)
                .body("id", org.hamcrest.Matchers.hasItems(greeting, whatsapp))
                .body("id", org.hamcrest.Matchers.not(org.hamcrest.Matchers.hasItem(billing)));

        // An agent with a named customer on WhatsApp, queue support
        String agent = ActionsTest.agent();
        String other = ActionsTest.agent();
        String conversationId = "c-" + Routing.id();
        String key = Routing.conversationKey();
        Routing.publish(Routing.assigned(key, conversationId, agent));
        Routing.publish(CustomerHistoryTest.routed(key, conversationId, agent, new Customer("1", "Ana María Pérez",
                null, null, Map.of(), Map.of()), "hola", Instant.now()));
        List<Map<String, Object>> rendered = Awaitility.await().atMost(Duration.ofSeconds(30)).ignoreExceptions()
                .until(() -> given()
                .auth().oauth2(TestTokens.agent(agent)).get("/me/conversations/" + key + "/canned-replies").then()
                .statusCode(200).extract().jsonPath().<Map<String, Object>>getList("$"), list -> list.stream()
                        .anyMatch(reply -> "Hi Ana, I'm Ana Pérez. Ana María Pérez!".equals(reply.get("text"))));
        List<Object> ids = rendered.stream().map(reply -> reply.get("id")).toList();
        assertThat(ids).contains(greeting, whatsapp).doesNotContain(billing);
        given().auth().oauth2(TestTokens.agent(agent)).get("/me/conversations/" + key + "/canned-replies/" + greeting)
                .then().statusCode(200).body("template", equalTo(GREETING));
        given().auth().oauth2(TestTokens.agent(agent)).get("/me/conversations/" + key + "/canned-replies/" + billing)
                .then().statusCode(404).body("error", equalTo("unknown_canned_reply"));
        given().auth().oauth2(TestTokens.agent(other)).get("/me/conversations/" + key + "/canned-replies").then()
                .statusCode(403).body("error", equalTo("not_yours"));
        given().auth().oauth2(TestTokens.agent(other)).get("/me/conversations/" + key + "/canned-replies/" + greeting)
                .then().statusCode(403);

        // A customer without a name: the fallback, or nothing
        String unnamed = ActionsTest.assignedConversation(agent, "c-" + Routing.id(), Instant.now());
        given().auth().oauth2(TestTokens.agent(agent)).get("/me/conversations/" + unnamed + "/canned-replies/"
                + greeting).then().statusCode(200).body("text", equalTo("Hi there, I'm Ana Pérez. !"));

        // Changed and deleted by a supervisor
        given().auth().oauth2(TestTokens.supervisor()).contentType(ContentType.JSON)
                .body("{\"title\": \"Greeting\", \"text\": \"Hola {{customer.firstName|}}\"}")
                .put("/canned-replies/" + greeting).then().statusCode(200).body("title", equalTo("Greeting"));
        given().auth().oauth2(TestTokens.agent(agent)).get("/me/conversations/" + key + "/canned-replies/" + greeting)
                .then().statusCode(200).body("text", equalTo("Hola Ana"));
        given().auth().oauth2(TestTokens.supervisor()).delete("/canned-replies/" + greeting).then().statusCode(204);
        given().auth().oauth2(TestTokens.supervisor()).get("/canned-replies/" + greeting).then().statusCode(404);
        given().auth().oauth2(TestTokens.agent(agent)).contentType(ContentType.JSON)
                .body("{\"title\": \"Mine\", \"text\": \"hi\"}").header("Idempotency-Key", "a-" + run)
                .post("/canned-replies").then().statusCode(403);
    }

    private static ValidatableResponse create(String key, String body) {
        var request = given().auth().oauth2(TestTokens.supervisor()).contentType(ContentType.JSON).body(body);
        if (key != null) {
            request = request.header("Idempotency-Key", key);
        }
        return request.post("/canned-replies").then();
    }
}
