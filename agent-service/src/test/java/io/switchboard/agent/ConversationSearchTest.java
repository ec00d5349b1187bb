package io.switchboard.agent;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import io.switchboard.events.Channel;
import io.switchboard.events.ConversationQueued;
import io.switchboard.testing.auth.TestTokens;

/**
 * Supervisors search conversations by customer, agent, queue, state and opening time, newest first, a bounded page
 * at a time with a cursor; agents may not.
 */
@QuarkusTest
class ConversationSearchTest {

    private static Response search(Map<String, Object> query) {
        return given().auth().oauth2(TestTokens.supervisor()).queryParams(query).get("/conversations");
    }

    private static List<String> keys(Map<String, Object> query) {
        return search(query).then().statusCode(200).extract().jsonPath().getList("conversationKey");
    }

    @Test
    void eachFilterFindsItsConversationsAndPagesFollowEachOther() {
        // Given, for one fresh agent: an assigned conversation, a resolved one, and one waiting in a fresh queue
        String ana = ActionsTest.agent();
        Instant before = Instant.now().minusSeconds(1);
        String assignedId = Routing.id();
        String assigned = ActionsTest.assignedConversation(ana, assignedId, Instant.now());
        String resolvedId = Routing.id();
        String resolved = ActionsTest.assignedConversation(ana, resolvedId, Instant.now());
        Routing.publish(Routing.resolved(resolved, resolvedId, ana));
        String queue = "q-" + Routing.id();
        String waiting = Routing.conversationKey();
        Routing.publish(new ConversationQueued("queued:" + Routing.id(), Channel.WHATSAPP, Routing.WA_ACCOUNT, waiting,
                Routing.id(), queue, 0, "new", null, null, Instant.now()));
        Awaitility.await().atMost(Duration.ofSeconds(20)).until(() -> keys(Map.of("queue", queue)).contains(waiting)
                && keys(Map.of("agent", ana, "state", "resolved")).contains(resolved));

        // By agent: open ones by default, closed ones on request, all with any
        assertThat(keys(Map.of("agent", ana))).containsExactly(assigned);
        assertThat(keys(Map.of("agent", ana, "state", "closed"))).containsExactly(resolved);
        assertThat(keys(Map.of("agent", ana, "state", "any"))).containsExactly(resolved, assigned);
        assertThat(keys(Map.of("agent", ana, "state", "assigned"))).containsExactly(assigned);
        // By queue and state
        assertThat(keys(Map.of("queue", queue, "state", "queued"))).containsExactly(waiting);
        assertThat(keys(Map.of("queue", queue, "state", "assigned"))).isEmpty();
        // By customer: the id on the channel or the whole key
        String customer = waiting.substring(waiting.lastIndexOf(':') + 1);
        assertThat(keys(Map.of("customer", customer, "state", "any"))).containsExactly(waiting);
        assertThat(keys(Map.of("customer", assigned))).containsExactly(assigned);
        // By time: opened in [from, to)
        assertThat(keys(Map.of("agent", ana, "state", "any", "from", before.toString()))).hasSize(2);
        assertThat(keys(Map.of("agent", ana, "state", "any", "to", before.toString()))).isEmpty();
        // The transcript comes with each
        search(Map.of("customer", assigned)).then().body("[0].transcript[0].text", equalTo("hola, mi factura"));

        // Pages of one, newest first, follow each other to the end
        List<String> paged = new ArrayList<>();
        String cursor = null;
        for (int page = 0; page < 5; page++) {
            Map<String, Object> query = new java.util.HashMap<>(Map.of("agent", ana, "state", "any", "limit", 1));
            if (cursor != null) {
                query.put("cursor", cursor);
            }
            Response answer = search(query);
            answer.then().statusCode(200);
            paged.addAll(answer.jsonPath().getList("conversationKey"));
            cursor = answer.header("X-Next-Cursor");
            if (cursor == null) {
                break;
            }
        }
        assertThat(paged).containsExactly(resolved, assigned);
    }

    @Test
    void badInputIsRefusedAndAgentsMayNotSearch() {
        search(Map.of("state", "sleeping")).then().statusCode(400).body("error", equalTo("bad_state"));
        search(Map.of("from", "yesterday")).then().statusCode(400).body("error", equalTo("bad_from"));
        search(Map.of("cursor", "not-a-cursor")).then().statusCode(400).body("error", equalTo("bad_cursor"));
        search(Map.of("limit", 201)).then().statusCode(400).body("error", equalTo("validation_failed"));
        given().auth().oauth2(TestTokens.agent(ActionsTest.agent())).get("/conversations?agent=x").then()
                .statusCode(403);
    }
}
