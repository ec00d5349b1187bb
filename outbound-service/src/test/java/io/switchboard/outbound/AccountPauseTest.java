package io.switchboard.outbound;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static io.restassured.RestAssured.given;
import static io.switchboard.testing.KafkaTestClient.header;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import java.util.List;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.switchboard.events.DeliveryAccepted;
import io.switchboard.events.DeliveryFailed;
import io.switchboard.events.FailureCategory;
import io.switchboard.events.ReplyRequested;
import io.switchboard.events.Topics;
import io.switchboard.testing.KafkaResource;
import io.switchboard.testing.PostgresResource;
import io.switchboard.testing.auth.TestTokens;

/**
 * An expired token (Graph 190) blocks the whole account: the command that met it fails with the reason, the account
 * is paused (health group and metric say so), its other commands wait unsent and unfailed, and once an operator
 * resumes it they go out.
 */
@QuarkusTest
@QuarkusTestResource(value = KafkaResource.class, initArgs = @ResourceArg(name = KafkaResource.TOPICS_ARG,
        value = "switchboard.outbound.v1:3,switchboard.outbound-results.v1:3,switchboard.outbound.dead-letter.v1:1,"
                + "switchboard.inbound.v1:3,switchboard.status.v1:3"))
@QuarkusTestResource(PostgresResource.class)
@QuarkusTestResource(WireMockResource.class)
class AccountPauseTest extends OutboundTestBase {

    private static final String ACCOUNT = WireMockResource.WHATSAPP_ACCOUNT_EXPIRING;
    private static final String GRAPH = "/v25.0/" + ACCOUNT + "/messages";
    private static final String RESUME = "/admin/accounts/" + ACCOUNT + "/resume";

    @Test
    void anExpiredTokenPausesTheAccountItsCommandsWaitAndGoOutOnceResumed() throws InterruptedException {
        wireMock.stubFor(post(urlEqualTo(GRAPH)).willReturn(aResponse().withStatus(401)
                .withHeader("Content-Type", "application/json")
                .withBody(WhatsAppDeliveryTest.graphError(190, "Error validating access token: Session has expired"))));
        ReplyRequested first = Events.whatsappTemplate(ACCOUNT, Events.phone());
        Events.send(kafka, first);

        DeliveryFailed failed = (DeliveryFailed) Events.read(Events.results(kafka, first.eventId(), 1).get(0));
        assertThat(failed.category()).isEqualTo(FailureCategory.ACCOUNT_PROBLEM);
        assertThat(failed.code()).isEqualTo(190);
        assertThat(failed.reason()).contains("Session has expired").contains("Account " + ACCOUNT + " is paused")
                .contains(RESUME);
        ConsumerRecord<String, byte[]> dead = kafka.awaitRecords(Topics.OUTBOUND_DEAD_LETTER, 1,
                record -> first.eventId().equals(header(record, "ce_id"))).get(0);
        assertThat(header(dead, "sb_dlq_code")).isEqualTo("190");

        given().get("/q/health/group/accounts").then().statusCode(503)
                .body("checks[0].data." + ACCOUNT, containsString("190"));
        given().get("/q/metrics").then().statusCode(200)
                .body(containsString("switchboard_outbound_account_paused{account=\"" + ACCOUNT + "\"} 1.0"))
                .body(containsString("switchboard_outbound_dead_letters_total{category=\"account_problem\"}"))
                .body(containsString("switchboard_outbound_results_total{category=\"account_problem\",channel="
                        + "\"whatsapp\",result=\"failed\"}"));

        // Further commands wait: no call, no result.
        ReplyRequested second = Events.whatsappTemplate(ACCOUNT, Events.phone());
        ReplyRequested third = Events.whatsappTemplate(ACCOUNT, Events.phone());
        Events.send(kafka, second);
        Events.send(kafka, third);
        Thread.sleep(3_000);
        wireMock.verify(1, postRequestedFor(urlEqualTo(GRAPH)));
        assertThat(deliveryState(second.eventId())).isNull();
        assertThat(deliveryState(third.eventId())).isNull();

        // The token is fixed; only an admin (or an integration) resumes the account.
        wireMock.stubFor(post(urlEqualTo(GRAPH)).willReturn(okJson(WhatsAppDeliveryTest.accepted("wamid.RESUMED"))));
        given().post(RESUME).then().statusCode(401);
        given().auth().oauth2(TestTokens.agent("ava")).post(RESUME).then().statusCode(403);
        given().auth().oauth2(TestTokens.admin()).post("/admin/accounts/nope/resume").then().statusCode(404)
                .body("error", equalTo("unknown_account")).body("message", containsString("not configured"));
        given().auth().oauth2(TestTokens.admin()).post(RESUME).then().statusCode(200).body("wasPaused", equalTo(true));

        for (ReplyRequested waited : List.of(second, third)) {
            DeliveryAccepted accepted = (DeliveryAccepted) Events.read(Events.results(kafka, waited.eventId(), 1)
                    .get(0));
            assertThat(accepted.attempts()).isEqualTo(1);
        }
        wireMock.verify(3, postRequestedFor(urlEqualTo(GRAPH)));
        given().get("/q/health/group/accounts").then().statusCode(200);
        given().get("/q/metrics").then()
                .body(containsString("switchboard_outbound_account_paused{account=\"" + ACCOUNT + "\"} 0.0"));
    }
}
