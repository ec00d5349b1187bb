package io.switchboard.agent;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.awaitility.Awaitility;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.switchboard.testing.PostgresFaultResource;
import io.switchboard.testing.PostgresResource;
import io.switchboard.testing.auth.TestTokens;

/**
 * PostgreSQL goes away while routing's events flow, for longer than any client timeout: the listeners hold their
 * records and retry, readiness is DOWN meanwhile and liveness UP, and once the database is back every event is
 * applied exactly once.
 */
@QuarkusTest
@QuarkusTestResource(value = PostgresFaults.class, restrictToAnnotatedClass = true)
class DatabaseOutageTest {

    private static final Duration OUTAGE = Duration.ofSeconds(40);

    @Test
    void anOutageIsRetriedThroughWithReadinessDownAndEveryEventAppliedOnce() throws InterruptedException {
        String direct = PostgresResource.datasourceConfig().get("quarkus.datasource.reactive.url");
        assertThat(ConfigProvider.getConfig().getValue("quarkus.datasource.reactive.url", String.class))
                .as("the application reaches PostgreSQL through the fault proxy").isNotEqualTo(direct);
        String alice = ActionsTest.agent();
        String conversationId = Routing.id();
        String key = ActionsTest.assignedConversation(alice, conversationId, Instant.now());
        List<String> texts = new ArrayList<>();

        PostgresFaultResource.network().cut();
        try {
            for (int i = 0; i < 6; i++) {
                String text = "durante el corte " + i;
                texts.add(text);
                Routing.publish(Routing.routed(key, conversationId, alice, text, Instant.now()));
            }
            Awaitility.await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> given().get("/q/health/ready")
                    .then().statusCode(503));
            Instant until = Instant.now().plus(OUTAGE);
            while (Instant.now().isBefore(until)) {
                given().get("/q/health/live").then().statusCode(200);
                JsonPath ready = given().get("/q/health/ready").then().statusCode(503).extract().jsonPath();
                assertThat(ready.getString("checks.find { it.name == 'switchboard-consumers' }.status"))
                        .isEqualTo("DOWN");
                Thread.sleep(2000);
            }
        } finally {
            PostgresFaultResource.network().restore();
        }
        String after = "después del corte";
        texts.add(after);
        Routing.publish(Routing.routed(key, conversationId, alice, after, Instant.now()));

        Awaitility.await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
            List<String> transcript = given().auth().oauth2(TestTokens.agent(alice)).get("/me/conversations/" + key)
                    .then().statusCode(200).extract().jsonPath().getList("transcript.text", String.class);
            assertThat(transcript.subList(1, transcript.size())).containsExactlyElementsOf(texts);
        });
        Awaitility.await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> given().get("/q/health/ready")
                .then().statusCode(200).body("status", equalTo("UP")));
    }
}
