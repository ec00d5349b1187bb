package io.switchboard.outbound;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.List;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

import com.github.tomakehurst.wiremock.client.MappingBuilder;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.switchboard.events.Channel;
import io.switchboard.events.ChannelError;
import io.switchboard.events.DeliveryAccepted;
import io.switchboard.events.DeliveryFailed;
import io.switchboard.events.DeliveryProgressed;
import io.switchboard.events.DeliveryRetrying;
import io.switchboard.events.DeliveryState;
import io.switchboard.events.DeliveryStatusChanged;
import io.switchboard.events.FailureCategory;
import io.switchboard.events.RawRef;
import io.switchboard.events.ReplyContent;
import io.switchboard.events.ReplyKind;
import io.switchboard.events.ReplyRequested;
import io.switchboard.events.SwitchboardEvent;
import io.switchboard.events.Topics;
import io.switchboard.testing.KafkaResource;
import io.switchboard.testing.PostgresResource;
import io.switchboard.testing.auth.TestTokens;

/**
 * SMS through Twilio's Messages API, against WireMock standing in for Twilio: the exact form body and basic auth,
 * the sid as channel message id, each class of Twilio error, and status callbacks merged as receipts.
 */
@QuarkusTest
@QuarkusTestResource(value = KafkaResource.class, initArgs = @ResourceArg(name = KafkaResource.TOPICS_ARG,
        value = "switchboard.outbound.v1:3,switchboard.outbound-results.v1:3,switchboard.outbound.dead-letter.v1:1,"
                + "switchboard.inbound.v1:3,switchboard.status.v1:3"))
@QuarkusTestResource(PostgresResource.class)
@QuarkusTestResource(WireMockResource.class)
class SmsDeliveryTest extends OutboundTestBase {

    static final String MESSAGES = "/2010-04-01/Accounts/" + WireMockResource.TWILIO_ACCOUNT + "/Messages.json";
    static final String STATUS_CALLBACK = "https://ingress.example.com/webhooks/twilio/"
            + WireMockResource.TWILIO_ACCOUNT + "/status";

    private static String basic(String token) {
        return "Basic " + Base64.getEncoder().encodeToString((WireMockResource.TWILIO_ACCOUNT + ":" + token)
                .getBytes(StandardCharsets.UTF_8));
    }

    private static String encoded(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    private static ReplyRequested sms(String account, String phone, ReplyContent content) {
        return Events.reply(Channel.SMS, account, new ReplyRequested.Recipient(phone, phone, null, null), "agent-7",
                content);
    }

    /** Twilio's 201 for a queued message. */
    static String created(String sid) {
        return "{\"sid\":\"" + sid + "\",\"status\":\"queued\",\"account_sid\":\"" + WireMockResource.TWILIO_ACCOUNT
                + "\",\"num_segments\":\"1\"}";
    }

    static String error(int code, String message, int status) {
        return "{\"code\":" + code + ",\"message\":\"" + message + "\",\"more_info\":"
                + "\"https://www.twilio.com/docs/errors/" + code + "\",\"status\":" + status + "}";
    }

    private MappingBuilder to(String phone) {
        return post(urlEqualTo(MESSAGES)).withRequestBody(containing("To=" + encoded("+" + phone) + "&"));
    }

    @Test
    void aTextReplyIsPostedAsTheExactFormWithBasicAuthAndNeedsNoWindow() {
        String phone = Events.phone();
        wireMock.stubFor(to(phone).willReturn(aResponse().withStatus(201)
                .withHeader("Content-Type", "application/json").withBody(created("SMaccepted0001"))));
        // No customer message first: SMS has no window.
        ReplyRequested command = sms(WireMockResource.SMS_NUMBER, phone, ReplyContent.text("Shipped today & on time: 2+2=4"));

        Events.send(kafka, command);

        DeliveryAccepted accepted = (DeliveryAccepted) Events.read(Events.results(kafka, command.eventId(), 1).get(0));
        assertThat(accepted.channel()).isEqualTo(Channel.SMS);
        assertThat(accepted.channelMessageId()).isEqualTo("SMaccepted0001");
        List<LoggedRequest> requests = wireMock.findAll(postRequestedFor(urlEqualTo(MESSAGES))
                .withRequestBody(containing(encoded("+" + phone))));
        assertThat(requests).hasSize(1);
        LoggedRequest request = requests.get(0);
        assertThat(request.getHeader("Authorization")).isEqualTo(basic("sms-test-token"));
        assertThat(request.getHeader("Content-Type")).startsWith("application/x-www-form-urlencoded");
        assertThat(request.getBodyAsString()).isEqualTo("To=%2B" + phone + "&From=%2B16505551366"
                + "&Body=Shipped+today+%26+on+time%3A+2%2B2%3D4&StatusCallback=" + encoded(STATUS_CALLBACK));
    }

    @Test
    void aMediaReplyIsAnMmsWithItsCaptionAsBody() {
        String phone = Events.phone();
        wireMock.stubFor(to(phone).willReturn(aResponse().withStatus(201)
                .withHeader("Content-Type", "application/json").withBody(created("MMaccepted0002"))));
        ReplyRequested command = sms(WireMockResource.SMS_NUMBER, phone, new ReplyContent(ReplyKind.MEDIA, null,
                new ReplyContent.Media("image", "https://cdn.example/label.png", "Your label", null), null, null, null,
                null));

        Events.send(kafka, command);

        DeliveryAccepted accepted = (DeliveryAccepted) Events.read(Events.results(kafka, command.eventId(), 1).get(0));
        assertThat(accepted.channelMessageId()).isEqualTo("MMaccepted0002");
        LoggedRequest request = wireMock.findAll(postRequestedFor(urlEqualTo(MESSAGES))
                .withRequestBody(containing(encoded("+" + phone)))).get(0);
        assertThat(request.getBodyAsString()).isEqualTo("To=%2B" + phone + "&From=%2B16505551366&Body=Your+label"
                + "&MediaUrl=" + encoded("https://cdn.example/label.png") + "&StatusCallback="
                + encoded(STATUS_CALLBACK));
    }

    @Test
    void customerSideErrorsArePermanentAndSentOnce() {
        int[][] cases = { { 21211, 400 }, { 21610, 400 }, { 21614, 400 } };
        for (int[] c : cases) {
            String phone = Events.phone();
            wireMock.stubFor(to(phone).willReturn(aResponse().withStatus(c[1])
                    .withHeader("Content-Type", "application/json").withBody(error(c[0], "refused", c[1]))));
            ReplyRequested command = sms(WireMockResource.SMS_NUMBER, phone, ReplyContent.text("hello"));
            Events.send(kafka, command);

            DeliveryFailed failed = (DeliveryFailed) Events.read(Events.results(kafka, command.eventId(), 1).get(0));
            assertThat(failed.code()).as("code %s", c[0]).isEqualTo(c[0]);
            assertThat(failed.category()).isEqualTo(FailureCategory.RECIPIENT_UNREACHABLE);
            assertThat(failed.reason()).contains("Twilio: refused");
            wireMock.verify(1, postRequestedFor(urlEqualTo(MESSAGES)).withRequestBody(containing(encoded("+" + phone))));
        }
    }

    @Test
    void a429IsRetriedAfterItsRetryAfterAndA5xxIsRetried() {
        for (boolean throttled : new boolean[] { true, false }) {
            String phone = Events.phone();
            String scenario = "sms-" + phone;
            wireMock.stubFor(to(phone).inScenario(scenario).whenScenarioStateIs(Scenario.STARTED)
                    .willReturn(throttled
                            ? aResponse().withStatus(429).withHeader("Retry-After", "1")
                                    .withHeader("Content-Type", "application/json")
                                    .withBody(error(20429, "Too Many Requests", 429))
                            : aResponse().withStatus(503).withBody("upstream unavailable"))
                    .willSetStateTo("recovered"));
            wireMock.stubFor(to(phone).inScenario(scenario).whenScenarioStateIs("recovered")
                    .willReturn(aResponse().withStatus(201).withHeader("Content-Type", "application/json")
                            .withBody(created("SMretried" + (throttled ? "429" : "503")))));
            ReplyRequested command = sms(WireMockResource.SMS_NUMBER, phone, ReplyContent.text("retry me"));
            Events.send(kafka, command);

            List<SwitchboardEvent> results = Events.results(kafka, command.eventId(), 2).stream().map(Events::read)
                    .toList();
            DeliveryRetrying retrying = (DeliveryRetrying) results.get(0);
            assertThat(retrying.httpStatus()).isEqualTo(throttled ? 429 : 503);
            if (throttled) {
                assertThat(retrying.code()).isEqualTo(20429);
                // Retry-After: 1 honoured (the test profile's throttled back-off alone is 0.5 s).
                assertThat(retrying.nextAttemptAt()).isAfterOrEqualTo(retrying.occurredAt().plusMillis(1000));
            }
            DeliveryAccepted accepted = (DeliveryAccepted) results.get(1);
            assertThat(accepted.channelMessageId()).isEqualTo("SMretried" + (throttled ? "429" : "503"));
            wireMock.verify(2, postRequestedFor(urlEqualTo(MESSAGES)).withRequestBody(containing(encoded("+" + phone))));
        }
    }

    @Test
    void refusedCredentialsAreOurSideAndPauseTheNumberUntilResumed() {
        String phone = Events.phone();
        wireMock.stubFor(to(phone).withHeader("Authorization", equalTo(basic("sms-revoked-token")))
                .willReturn(aResponse().withStatus(401).withHeader("Content-Type", "application/json")
                        .withBody(error(20003, "Authenticate", 401))));
        ReplyRequested command = sms(WireMockResource.SMS_NUMBER_REVOKED, phone, ReplyContent.text("hello"));
        Events.send(kafka, command);

        DeliveryFailed failed = (DeliveryFailed) Events.read(Events.results(kafka, command.eventId(), 1).get(0));
        assertThat(failed.code()).isEqualTo(20003);
        assertThat(failed.category()).isEqualTo(FailureCategory.ACCOUNT_PROBLEM);
        wireMock.verify(1, postRequestedFor(urlEqualTo(MESSAGES)).withRequestBody(containing(encoded("+" + phone))));
        given().auth().oauth2(TestTokens.admin()).post("/admin/accounts/" + WireMockResource.SMS_NUMBER_REVOKED
                + "/resume").then().statusCode(200);
    }

    @Test
    void contentSmsCannotCarryIsRefusedBeforeAnyCall() {
        String phone = Events.phone();
        ReplyRequested template = Events.reply(Channel.SMS, WireMockResource.SMS_NUMBER,
                new ReplyRequested.Recipient(phone, phone, null, null), "agent-7", new ReplyContent(ReplyKind.TEMPLATE,
                        null, null, new ReplyContent.Template("order_update", "en_US", List.of()), null, null, null));
        Events.send(kafka, template);

        DeliveryFailed failed = (DeliveryFailed) Events.read(Events.results(kafka, template.eventId(), 1).get(0));
        assertThat(failed.category()).isEqualTo(FailureCategory.NOT_SUPPORTED);
        wireMock.verify(0, postRequestedFor(urlEqualTo(MESSAGES)).withRequestBody(containing(encoded("+" + phone))));
    }

    @Test
    void statusCallbacksMoveTheDeliveryAndAnUndeliveredOneFailsItWithTheCategory() {
        String phone = Events.phone();
        String delivered = "SMreceipt" + phone;
        String lost = "SMlost" + phone;
        String other = Events.phone();
        wireMock.stubFor(to(phone).willReturn(aResponse().withStatus(201)
                .withHeader("Content-Type", "application/json").withBody(created(delivered))));
        wireMock.stubFor(to(other).willReturn(aResponse().withStatus(201)
                .withHeader("Content-Type", "application/json").withBody(created(lost))));
        ReplyRequested first = sms(WireMockResource.SMS_NUMBER, phone, ReplyContent.text("one"));
        ReplyRequested second = sms(WireMockResource.SMS_NUMBER, other, ReplyContent.text("two"));
        Events.send(kafka, first);
        Events.send(kafka, second);
        Events.results(kafka, first.eventId(), 1);
        Events.results(kafka, second.eventId(), 1);

        Events.send(kafka, receipt(first, phone, delivered, DeliveryState.DELIVERED, List.of()));
        Events.send(kafka, receipt(second, other, lost, DeliveryState.FAILED,
                List.of(new ChannelError(30003, null, "Twilio error 30003", null, null, null))));

        DeliveryProgressed progressed = (DeliveryProgressed) Events.read(Events.results(kafka, first.eventId(), 2)
                .get(1));
        assertThat(progressed.status()).isEqualTo(DeliveryState.DELIVERED);
        assertThat(progressed.channelMessageId()).isEqualTo(delivered);
        List<SwitchboardEvent> results = Events.results(kafka, second.eventId(), 3).stream().map(Events::read)
                .toList();
        DeliveryFailed failed = results.stream().filter(DeliveryFailed.class::isInstance)
                .map(DeliveryFailed.class::cast).findFirst().orElseThrow();
        assertThat(failed.code()).isEqualTo(30003);
        assertThat(failed.category()).isEqualTo(FailureCategory.RECIPIENT_UNREACHABLE);
        assertThat(failed.reason()).contains("unreachable");
    }

    private static DeliveryStatusChanged receipt(ReplyRequested command, String phone, String sid,
            DeliveryState state, List<ChannelError> errors) {
        return new DeliveryStatusChanged("sms:" + sid + ":" + state.wireName(), Channel.SMS,
                WireMockResource.SMS_NUMBER, command.conversationKey(), phone, sid, state, null, errors, null, null,
                Instant.now(), Instant.now(), new RawRef(Topics.RAW_WEBHOOKS, 0, 0));
    }
}
