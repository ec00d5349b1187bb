package io.switchboard.routing;

import static io.restassured.RestAssured.given;

import java.util.HashMap;
import java.util.Map;

import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import io.switchboard.testing.auth.TestTokens;

/** Queues through the admin API (role admin), as the tests of queue behaviour set them up. */
final class QueueAdmin {

    private QueueAdmin() {
    }

    /** A definition matching {@code match}, at {@code priority}; the caller adds the rest. */
    static Map<String, Object> queue(String match, int priority) {
        Map<String, Object> queue = new HashMap<>();
        queue.put("match", match);
        queue.put("priority", priority);
        return queue;
    }

    static ValidatableResponse put(String id, Map<String, Object> queue) {
        return given().auth().oauth2(TestTokens.admin()).contentType(ContentType.JSON).body(queue).when()
                .put("/routing/queues/" + id).then();
    }

    static ValidatableResponse get(String id) {
        return given().auth().oauth2(TestTokens.admin()).when().get("/routing/queues/" + id).then();
    }
}
