package io.switchboard.outbound;

import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.awaitility.Awaitility;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.switchboard.events.Channel;
import io.switchboard.events.DeliveryAccepted;
import io.switchboard.events.ReplyContent;
import io.switchboard.events.ReplyRequested;
import io.switchboard.testing.KafkaResource;
import io.switchboard.testing.PostgresFaultResource;
import io.switchboard.testing.PostgresResource;

/**
 * PostgreSQL goes away while commands flow, for longer than every timeout (statements 10 s, the channel's read
 * timeout, the window catch-up), with three calls in flight: readiness is DOWN meanwhile and liveness UP, and once
 * it is back every command is delivered exactly once (WireMock's request count) and accepted, none lost, none
 * reported unknown (the calls in flight had their answers recorded after the outage, not read as a crash).
 */
@QuarkusTest
@QuarkusTestResource(value = KafkaResource.class, initArgs = @ResourceArg(name = KafkaResource.TOPICS_ARG,
        value = "switchboard.outbound.v1:3,switchboard.outbound-results.v1:3,switchboard.outbound.dead-letter.v1:1,"
                + "switchboard.inbound.v1:3,switchboard.status.v1:3"))
@QuarkusTestResource(value = PostgresFaultResource.class, restrictToAnnotatedClass = true)
@QuarkusTestResource(WireMockResource.class)
class DatabaseOutageTest extends OutboundTestBase {

    private static final Duration OUTAGE = Duration.ofSeconds(25);

    private ReplyRequested command(String phone, String text, List<ReplyRequested> all) {
        ReplyRequested command = Events.whatsapp(phone, ReplyContent.text(text));
        all.add(command);
        Events.send(kafka, command);
        return command;
    }

    @Test
    void anOutageIsWaitedOutWithReadinessDownAndEveryCommandDeliveredOnce() throws InterruptedException {
        String direct = PostgresResource.datasourceConfig().get("quarkus.datasource.reactive.url");
        assertThat(ConfigProvider.getConfig().getValue("quarkus.datasource.reactive.url", String.class))
                .as("the service reaches PostgreSQL through the fault proxy").isNotEqualTo(direct);
        List<String> phones = List.of(Events.phone(), Events.phone(), Events.phone());
        for (String phone : phones) {
            customerWrote(Channel.WHATSAPP, WireMockResource.WHATSAPP_ACCOUNT, phone, Instant.now());
            wireMock.stubFor(post(urlEqualTo(GRAPH_WA)).withRequestBody(matchingJsonPath("$.to", equalTo("+" + phone)))
                    // Slow answers: the first commands' calls are in flight when the database goes.
                    .willReturn(okJson(WhatsAppDeliveryTest.accepted("wamid.OUTAGE-" + phone)).withFixedDelay(1500)));
        }
        List<ReplyRequested> commands = new ArrayList<>();
        for (String phone : phones) {
            command(phone, "before " + phone, commands);
        }
        // Claimed and called: their answers can only be recorded after the outage.
        Awaitility.await().atMost(Duration.ofSeconds(20)).until(() -> wireMock.findAll(postRequestedFor(
                urlEqualTo(GRAPH_WA))).size() >= phones.size());

        PostgresFaultResource.network().cut();
        try {
            for (int i = 0; i < 2; i++) {
                for (String phone : phones) {
                    command(phone, "during " + i + " " + phone, commands);
                }
            }
            // The datasource's own check may say so first; the consumers' check once a step meets the outage.
            Awaitility.await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(given()
                    .get("/q/health/ready").then().statusCode(503).extract().jsonPath()
                    .getString("checks.find { it.name == 'switchboard-consumers' }.status")).isEqualTo("DOWN"));
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
        for (String phone : phones) {
            command(phone, "after " + phone, commands);
        }

        for (ReplyRequested command : commands) {
            assertThat(Events.read(Events.results(kafka, command.eventId(), 1, Duration.ofSeconds(60)).get(0)))
                    .as(command.content().text()).isInstanceOf(DeliveryAccepted.class);
        }
        for (ReplyRequested command : commands) {
            assertThat(wireMock.findAll(postRequestedFor(urlEqualTo(GRAPH_WA))
                    .withRequestBody(matchingJsonPath("$.text.body", equalTo(command.content().text())))))
                    .as("calls for \"%s\"", command.content().text()).hasSize(1);
        }
        Awaitility.await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> given().get("/q/health/ready")
                .then().statusCode(200));
    }
}
