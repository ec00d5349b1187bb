package io.switchboard.agent;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.startsWith;

import java.time.Instant;
import java.util.Collections;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.switchboard.testing.auth.TestTokens;

/**
 * The agents' API bounds what it takes where it enters: longer than the column, or holding a NUL (which PostgreSQL
 * refuses), is a 400 naming the field, never a 500 from the database.
 */
@QuarkusTest
class InputBoundsTest {

    @Test
    void aProfileFieldOutOfBoundsIsA400NamingIt() {
        given().auth().oauth2(TestTokens.supervisor()).contentType(ContentType.JSON)
                .body(Map.of("displayName", "Ana\u0000", "languages", List.of("en"), "skills", List.of(),
                        "capacity", Map.of()))
                .post("/agents").then().statusCode(400).body("error", equalTo("validation_failed"))
                .body("violations", hasItem(startsWith("profile.displayName")));
        // 20 tags each within its own bound, joined longer than the column that holds them.
        given().auth().oauth2(TestTokens.supervisor()).contentType(ContentType.JSON)
                .body(Map.of("displayName", "Ana", "languages", Collections.nCopies(20, "es-abcdefgh-abcdefgh"),
                        "skills", List.of(), "capacity", Map.of()))
                .post("/agents").then().statusCode(400).body("error", equalTo("input_out_of_bounds"))
                .body("violations", hasItem(startsWith("languages")));
        given().auth().oauth2(TestTokens.supervisor()).contentType(ContentType.JSON)
                .body(Map.of("displayName", "Ana", "languages", List.of("en"),
                        "skills", List.of(Map.of("skill", "billing", "proficiency", 1)),
                        "capacity", Map.of("whats\u0000app", 1)))
                .post("/agents").then().statusCode(400).body("error", equalTo("validation_failed"));
        Map<String, Integer> elevenChannels = new java.util.HashMap<>();
        for (int i = 0; i < 11; i++) {
            elevenChannels.put("channel" + i, 1);
        }
        given().auth().oauth2(TestTokens.supervisor()).contentType(ContentType.JSON)
                .body(Map.of("displayName", "Ana", "languages", List.of("en"), "skills", List.of(),
                        "capacity", elevenChannels))
                .post("/agents").then().statusCode(400).body("violations", hasItem(startsWith("profile.capacity")));
        given().auth().oauth2(TestTokens.supervisor()).get("/agents/" + "a".repeat(300)).then().statusCode(400)
                .body("violations", hasItem(startsWith("id")));
    }

    @Test
    void anActionFieldOutOfBoundsIsA400NamingIt() {
        String alice = ActionsTest.agent();
        String key = ActionsTest.assignedConversation(alice, Routing.id(), Instant.now());
        String replies = "/me/conversations/" + key + "/replies";
        given().auth().oauth2(TestTokens.agent(alice)).header("Idempotency-Key", Routing.id())
                .contentType(ContentType.JSON).body(Map.of("kind", "text", "text", "hola\u0000"))
                .post(replies).then().statusCode(400).body("error", equalTo("validation_failed"))
                .body("violations", hasItem(startsWith("body.text")));
        given().auth().oauth2(TestTokens.agent(alice)).header("Idempotency-Key", "k".repeat(256))
                .contentType(ContentType.JSON).body(Map.of("kind", "text", "text", "hola"))
                .post(replies).then().statusCode(400).body("violations", hasItem(startsWith("key")));
        given().auth().oauth2(TestTokens.agent(alice)).header("Idempotency-Key", Routing.id())
                .contentType(ContentType.JSON).body(Map.of("disposition", "solved", "reason", "x".repeat(501)))
                .post("/me/conversations/" + key + "/resolve").then().statusCode(400)
                .body("violations", hasItem(startsWith("body.reason")));
        given().auth().oauth2(TestTokens.agent(alice)).header("Idempotency-Key", Routing.id())
                .post("/me/offers/" + "o".repeat(300) + "/accept").then().statusCode(400)
                .body("violations", hasItem(startsWith("offerId")));
        given().auth().oauth2(TestTokens.agent(alice)).contentType(ContentType.JSON)
                .body(Map.of("presence", "away", "reason", "café\u0000")).put("/me/presence").then().statusCode(400)
                .body("violations", hasItem(startsWith("request.reason")));
        given().auth().oauth2(TestTokens.agent(alice)).header("Idempotency-Key", Routing.id())
                .contentType(ContentType.JSON).body(Map.of("kind", "template", "template", Map.of("name",
                        "t".repeat(513), "language", "es", "parameters", Collections.nCopies(21, "p"))))
                .post(replies).then().statusCode(400)
                .body("violations", hasItem(startsWith("body.template.name")))
                .body("violations", hasItem(startsWith("body.template.parameters")));
        given().auth().oauth2(TestTokens.agent(alice)).header("Idempotency-Key", Routing.id())
                .contentType(ContentType.JSON).body(Map.of("kind", "template", "template", Map.of("name", "t",
                        "language", "es", "parameters", List.of("p".repeat(1025)))))
                .post(replies).then().statusCode(400).body("violations", hasItem(startsWith("body.template.parameters")));
        given().auth().oauth2(TestTokens.agent(alice)).header("Idempotency-Key", Routing.id())
                .contentType(ContentType.JSON).body(Map.of("kind", "media", "media", Map.of("kind", "image",
                        "url", "https://cdn.example/" + "m".repeat(2048))))
                .post(replies).then().statusCode(400).body("violations", hasItem(startsWith("body.media.url")));
        given().auth().oauth2(TestTokens.agent(alice)).header("Idempotency-Key", Routing.id())
                .contentType(ContentType.JSON).body(Map.of("toQueueId", "q".repeat(129), "reason", "r"))
                .post("/me/conversations/" + key + "/transfer").then().statusCode(400)
                .body("violations", hasItem(startsWith("body.toQueueId")));
        // Nothing of it reached the transcript.
        given().auth().oauth2(TestTokens.agent(alice)).get("/me/conversations/" + key).then().statusCode(200)
                .body("transcript.size()", equalTo(1));
    }
}
