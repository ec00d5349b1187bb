package io.switchboard.outbound;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static io.restassured.RestAssured.given;
import static io.switchboard.testing.KafkaTestClient.header;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;

import com.github.tomakehurst.wiremock.stubbing.Scenario;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.switchboard.events.Channel;
import io.switchboard.events.DeliveryAccepted;
import io.switchboard.events.DeliveryRetrying;
import io.switchboard.events.ReplyContent;
import io.switchboard.events.ReplyKind;
import io.switchboard.events.ReplyRequested;
import io.switchboard.events.SwitchboardEvent;
import io.switchboard.events.Topics;
import io.switchboard.testing.KafkaResource;
import io.switchboard.testing.PostgresResource;

/**
 * WhatsApp's throughput error 130429 ("Rate limit hit", docs/channels.md §2.8) answered to every send of one phone
 * number for a while, in both shapes the Cloud API uses (HTTP 429 and HTTP 400 with the same error object).
 */
@QuarkusTest
@QuarkusTestResource(value = KafkaResource.class, initArgs = @ResourceArg(name = KafkaResource.TOPICS_ARG,
        value = "switchboard.outbound.v1:3,switchboard.outbound-results.v1:3,switchboard.outbound.dead-letter.v1:1,"
                + "switchboard.inbound.v1:3,switchboard.status.v1:3"))
@QuarkusTestResource(PostgresResource.class)
@QuarkusTestResource(WireMockResource.class)
class ThrottlingStormTest extends OutboundTestBase {

    private static final String GRAPH_WA_B = "/v25.0/" + WireMockResource.WHATSAPP_ACCOUNT_B + "/messages";
    private static final int COMMANDS = 12;
    /** Test profile: 0.2 s first back-off, ±20 % jitter. */
    private static final long MIN_FIRST_BACKOFF_MS = 150;

    private static final String RATE_LIMIT_HIT = WhatsAppDeliveryTest.graphError(130429, "Rate limit hit");

    private static ReplyContent template() {
        return new ReplyContent(ReplyKind.TEMPLATE, null, null, new ReplyContent.Template("order_update", "en_US",
                List.of()), null, null, null);
    }

    /** Per recipient: a 429, then a 400, both 130429; then accepted. Each conversation sees two storm answers. */
    private void stormThenAccepted(String phone) {
        String scenario = "storm-" + phone;
        wireMock.stubFor(post(urlEqualTo(GRAPH_WA)).withRequestBody(matchingJsonPath("$.to", equalTo("+" + phone)))
                .inScenario(scenario).whenScenarioStateIs(Scenario.STARTED)
                .willReturn(aResponse().withStatus(429).withHeader("Content-Type", "application/json")
                        .withBody(RATE_LIMIT_HIT))
                .willSetStateTo("still throttled"));
        wireMock.stubFor(post(urlEqualTo(GRAPH_WA)).withRequestBody(matchingJsonPath("$.to", equalTo("+" + phone)))
                .inScenario(scenario).whenScenarioStateIs("still throttled")
                .willReturn(aResponse().withStatus(400).withHeader("Content-Type", "application/json")
                        .withBody(RATE_LIMIT_HIT))
                .willSetStateTo("recovered"));
        wireMock.stubFor(post(urlEqualTo(GRAPH_WA)).withRequestBody(matchingJsonPath("$.to", equalTo("+" + phone)))
                .inScenario(scenario).whenScenarioStateIs("recovered")
                .willReturn(okJson(WhatsAppDeliveryTest.accepted("wamid.AFTERSTORM" + phone))));
    }

    private List<ServeEvent> servedTo(String url, String phone) {
        String to = "\"to\":\"+" + phone + "\"";
        return wireMock.getAllServeEvents().stream()
                .filter(event -> event.getRequest().getUrl().equals(url))
                .filter(event -> event.getRequest().getBodyAsString().contains(to))
                .sorted((a, b) -> a.getRequest().getLoggedDate().compareTo(b.getRequest().getLoggedDate()))
                .collect(Collectors.toList());
    }

    @Test
    void aRateLimitStormIsBackedOffEveryCommandIsSentOnceAndAnotherSenderKeepsFlowing() {
        List<ReplyRequested> stormed = new ArrayList<>();
        for (int i = 0; i < COMMANDS; i++) {
            String phone = Events.phone();
            stormThenAccepted(phone);
            stormed.add(Events.whatsapp(phone, template()));
        }
        String otherPhone = Events.phone();
        wireMock.stubFor(post(urlEqualTo(GRAPH_WA_B)).willReturn(okJson(WhatsAppDeliveryTest.accepted("wamid.B"))));
        ReplyRequested other = new ReplyRequested(Events.id(), Channel.WHATSAPP, WireMockResource.WHATSAPP_ACCOUNT_B,
                Channel.WHATSAPP.conversationKey(WireMockResource.WHATSAPP_ACCOUNT_B, otherPhone),
                new ReplyRequested.Recipient(otherPhone, otherPhone, null, null), null, null, template(),
                Instant.now());

        stormed.forEach(command -> Events.send(kafka, command));
        Events.send(kafka, other);

        long lastStormAnswer = 0;
        for (ReplyRequested command : stormed) {
            List<SwitchboardEvent> results = Events.results(kafka, command.eventId(), 3).stream().map(Events::read)
                    .collect(Collectors.toList());
            DeliveryRetrying first = (DeliveryRetrying) results.get(0);
            DeliveryRetrying second = (DeliveryRetrying) results.get(1);
            assertThat(first.code()).isEqualTo(130429);
            assertThat(first.httpStatus()).isEqualTo(429);
            assertThat(second.code()).isEqualTo(130429);
            assertThat(second.httpStatus()).isEqualTo(400);
            assertThat(second.attempt()).isEqualTo(2);
            DeliveryAccepted accepted = (DeliveryAccepted) results.get(2);
            assertThat(accepted.attempts()).isEqualTo(3);

            String phone = command.recipient().phone();
            List<ServeEvent> calls = servedTo(GRAPH_WA, phone);
            // Exactly the two storm answers and one success: no tight loop, no second send after the success.
            assertThat(calls).extracting(event -> event.getResponse().getStatus()).containsExactly(429, 400, 200);
            long t0 = calls.get(0).getRequest().getLoggedDate().getTime();
            long t1 = calls.get(1).getRequest().getLoggedDate().getTime();
            long t2 = calls.get(2).getRequest().getLoggedDate().getTime();
            // Backed off, doubling: 0.2 s then 0.4 s (±20 %).
            assertThat(t1 - t0).isGreaterThanOrEqualTo(MIN_FIRST_BACKOFF_MS);
            assertThat(t2 - t1).isGreaterThanOrEqualTo(2 * MIN_FIRST_BACKOFF_MS);
            lastStormAnswer = Math.max(lastStormAnswer, t1);
        }
        // Accepted exactly once each, also on the results topic.
        List<String> acceptedIds = kafka.readAll(Topics.OUTBOUND_RESULTS).stream().map(r -> header(r, "ce_id"))
                .filter(id -> id.endsWith(":accepted")).collect(Collectors.toList());
        for (ReplyRequested command : stormed) {
            assertThat(acceptedIds).containsOnlyOnce(command.eventId() + ":accepted");
        }
        // The other phone number's reply was sent once, at once, while the storm was still on.
        DeliveryAccepted otherAccepted = (DeliveryAccepted) Events.read(Events.results(kafka, other.eventId(), 1).get(0));
        assertThat(otherAccepted.attempts()).isEqualTo(1);
        List<ServeEvent> otherCalls = servedTo(GRAPH_WA_B, otherPhone);
        assertThat(otherCalls).hasSize(1);
        assertThat(otherCalls.get(0).getRequest().getLoggedDate().getTime()).isLessThan(lastStormAnswer);
        assertThat(otherCalls.get(0).getRequest().getHeader("Authorization")).isEqualTo("Bearer wa-test-token-b");
        given().get("/q/metrics").then().statusCode(200).body(containsString(
                "switchboard_outbound_results_total{category=\"none\",channel=\"whatsapp\",result=\"retrying\"}"));
    }
}
