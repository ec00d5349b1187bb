package io.switchboard.outbound;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

import com.github.tomakehurst.wiremock.stubbing.Scenario;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.switchboard.events.Channel;
import io.switchboard.events.DeliveryAccepted;
import io.switchboard.events.DeliveryFailed;
import io.switchboard.events.DeliveryRetrying;
import io.switchboard.events.FailureCategory;
import io.switchboard.events.SwitchboardEvent;
import io.switchboard.events.ThreadControlAction;
import io.switchboard.events.ThreadControlChangeRequested;
import io.switchboard.testing.KafkaResource;
import io.switchboard.testing.PostgresResource;

/**
 * Meta's handover protocol (docs/channels.md §3.8): a thread control command is one Graph call to the Page's
 * {@code take_thread_control} or {@code pass_thread_control} edge, with the Page token, recorded and reported like a
 * reply, classified and retried like one; WireMock stands in for the Graph API and checks what is sent.
 */
@QuarkusTest
@QuarkusTestResource(value = KafkaResource.class, initArgs = @ResourceArg(name = KafkaResource.TOPICS_ARG,
        value = "switchboard.outbound.v1:3,switchboard.outbound-results.v1:3,switchboard.outbound.dead-letter.v1:1,"
                + "switchboard.inbound.v1:3,switchboard.status.v1:3"))
@QuarkusTestResource(PostgresResource.class)
@QuarkusTestResource(WireMockResource.class)
class ThreadControlCallsTest extends OutboundTestBase {

    static final String TAKE = "/v25.0/" + WireMockResource.MESSENGER_PAGE + "/take_thread_control";
    static final String PASS = "/v25.0/" + WireMockResource.MESSENGER_PAGE + "/pass_thread_control";

    @Test
    void takeCallsTakeThreadControlOnceAndARedeliveryRepublishesTheResult() {
        String psid = psid();
        wireMock.stubFor(post(urlEqualTo(TAKE)).withRequestBody(matchingJsonPath("$.recipient.id", equalTo(psid)))
                .willReturn(okJson("{\"success\":true}")));
        ThreadControlChangeRequested take = command(psid, ThreadControlAction.TAKE, null);

        Events.send(kafka, take);

        DeliveryAccepted accepted = (DeliveryAccepted) Events.read(Events.results(kafka, take.eventId(), 1).get(0));
        assertThat(accepted.idempotencyKey()).isEqualTo(take.eventId());
        assertThat(accepted.conversationKey()).isEqualTo(take.conversationKey());
        assertThat(accepted.attempts()).isEqualTo(1);
        wireMock.verify(1, postRequestedFor(urlEqualTo(TAKE))
                .withHeader("Authorization", equalTo("Bearer page-test-token"))
                .withRequestBody(equalToJson("{\"recipient\":{\"id\":\"" + psid + "\"},"
                        + "\"metadata\":\"switchboard: on_human_request\"}")));

        Events.send(kafka, take);

        List<ConsumerRecord<String, byte[]>> twice = Events.results(kafka, take.eventId(), 2);
        assertThat(twice).extracting(r -> ((SwitchboardEvent) Events.read(r)).eventId())
                .containsExactly(accepted.eventId(), accepted.eventId());
        wireMock.verify(1, postRequestedFor(urlEqualTo(TAKE))
                .withRequestBody(matchingJsonPath("$.recipient.id", equalTo(psid))));
    }

    @Test
    void passNamesTheTargetAppAndAServerErrorIsRetried() {
        String psid = psid();
        String scenario = "pass-" + psid;
        wireMock.stubFor(post(urlEqualTo(PASS)).inScenario(scenario).whenScenarioStateIs(Scenario.STARTED)
                .withRequestBody(matchingJsonPath("$.recipient.id", equalTo(psid)))
                .willReturn(aResponse().withStatus(500).withHeader("Content-Type", "application/json")
                        .withBody("{\"error\":{\"message\":\"(#2) Service temporarily unavailable\","
                                + "\"type\":\"OAuthException\",\"code\":2,\"fbtrace_id\":\"Ax1\"}}"))
                .willSetStateTo("recovered"));
        wireMock.stubFor(post(urlEqualTo(PASS)).inScenario(scenario).whenScenarioStateIs("recovered")
                .withRequestBody(matchingJsonPath("$.recipient.id", equalTo(psid)))
                .willReturn(okJson("{\"success\":true}")));
        ThreadControlChangeRequested pass = command(psid, ThreadControlAction.PASS, "1517776481860111");

        Events.send(kafka, pass);

        List<ConsumerRecord<String, byte[]>> results = Events.results(kafka, pass.eventId(), 2);
        DeliveryRetrying retrying = (DeliveryRetrying) Events.read(results.get(0));
        assertThat(retrying.code()).isEqualTo(2);
        assertThat(((DeliveryAccepted) Events.read(results.get(1))).attempts()).isEqualTo(2);
        wireMock.verify(2, postRequestedFor(urlEqualTo(PASS)).withRequestBody(equalToJson(
                "{\"recipient\":{\"id\":\"" + psid + "\"},\"target_app_id\":\"1517776481860111\","
                        + "\"metadata\":\"switchboard: conversation resolved\"}")));
    }

    @Test
    void aPermanentGraphErrorFailsTheCommandWithoutRetrying() {
        String psid = psid();
        wireMock.stubFor(post(urlEqualTo(TAKE)).withRequestBody(matchingJsonPath("$.recipient.id", equalTo(psid)))
                .willReturn(aResponse().withStatus(400).withHeader("Content-Type", "application/json")
                        .withBody("{\"error\":{\"message\":\"(#100) Invalid parameter\",\"type\":\"OAuthException\","
                                + "\"code\":100,\"fbtrace_id\":\"Ax2\"}}")));
        ThreadControlChangeRequested take = command(psid, ThreadControlAction.TAKE, null);

        Events.send(kafka, take);

        DeliveryFailed failed = (DeliveryFailed) Events.read(Events.results(kafka, take.eventId(), 1,
                Duration.ofSeconds(60)).get(0));
        assertThat(failed.category()).isEqualTo(FailureCategory.INVALID_REQUEST);
        assertThat(failed.code()).isEqualTo(100);
        assertThat(failed.permanent()).isTrue();
        wireMock.verify(1, postRequestedFor(urlEqualTo(TAKE))
                .withRequestBody(matchingJsonPath("$.recipient.id", equalTo(psid))));
    }

    @Test
    void whatsAppTakeAndPassBackToMetasAiAgentCallThreadControlOnThePhoneNumber() {
        String path = "/v25.0/" + WireMockResource.WHATSAPP_ACCOUNT + "/thread_control";
        String bsuid = "US." + Events.phone() + "0001";
        wireMock.stubFor(post(urlEqualTo(path)).withRequestBody(matchingJsonPath("$.recipient", equalTo(bsuid)))
                .willReturn(okJson("{\"messaging_product\":\"whatsapp\"}")));
        String key = Channel.WHATSAPP.conversationKey(WireMockResource.WHATSAPP_ACCOUNT, bsuid);
        ThreadControlChangeRequested take = new ThreadControlChangeRequested("conv-" + Events.id() + ":take:"
                + Events.id(), Channel.WHATSAPP, WireMockResource.WHATSAPP_ACCOUNT, key, bsuid,
                ThreadControlAction.TAKE, null, "switchboard: on_human_request", "conv-" + bsuid, Instant.now());
        ThreadControlChangeRequested pass = new ThreadControlChangeRequested("conv-" + Events.id() + ":pass:"
                + Events.id(), Channel.WHATSAPP, WireMockResource.WHATSAPP_ACCOUNT, key, bsuid,
                ThreadControlAction.PASS, "ai_agent", "switchboard: conversation resolved", "conv-" + bsuid,
                Instant.now());

        Events.send(kafka, take);
        assertThat(Events.read(Events.results(kafka, take.eventId(), 1).get(0))).isInstanceOf(DeliveryAccepted.class);
        Events.send(kafka, pass);
        assertThat(Events.read(Events.results(kafka, pass.eventId(), 1).get(0))).isInstanceOf(DeliveryAccepted.class);

        wireMock.verify(1, postRequestedFor(urlEqualTo(path)).withHeader("Authorization", equalTo("Bearer wa-test-token"))
                .withRequestBody(equalToJson("{\"messaging_product\":\"whatsapp\",\"recipient\":\"" + bsuid
                        + "\",\"action\":\"take\",\"metadata\":\"switchboard: on_human_request\"}")));
        wireMock.verify(1, postRequestedFor(urlEqualTo(path)).withRequestBody(equalToJson(
                "{\"messaging_product\":\"whatsapp\",\"recipient\":\"" + bsuid + "\",\"action\":\"pass\","
                        + "\"control_pass\":{\"target_role\":\"ai_agent\"},"
                        + "\"metadata\":\"switchboard: conversation resolved\"}")));
    }

    @Test
    void aWhatsAppCustomerKnownByPhoneIsAddressedWithTo() {
        ThreadControlChangeRequested take = new ThreadControlChangeRequested("c:take", Channel.WHATSAPP,
                WireMockResource.WHATSAPP_ACCOUNT, "wa:x:16505551234", "16505551234", ThreadControlAction.TAKE, null,
                null, "c", Instant.now());

        assertThat(io.switchboard.outbound.delivery.ThreadControlCalls.whatsAppBody(take))
                .isEqualTo("{\"messaging_product\":\"whatsapp\",\"to\":\"+16505551234\",\"action\":\"take\"}");
    }

    private static ThreadControlChangeRequested command(String psid, ThreadControlAction action, String target) {
        String key = Channel.MESSENGER.conversationKey(WireMockResource.MESSENGER_PAGE, psid);
        String id = "conv-" + Events.id() + (action == ThreadControlAction.TAKE ? ":take:" : ":pass:") + Events.id();
        return new ThreadControlChangeRequested(id, Channel.MESSENGER, WireMockResource.MESSENGER_PAGE, key, psid,
                action, target, action == ThreadControlAction.TAKE ? "switchboard: on_human_request"
                        : "switchboard: conversation resolved", "conv-" + psid, Instant.now());
    }

    private static String psid() {
        return "72144894" + Events.phone();
    }
}
