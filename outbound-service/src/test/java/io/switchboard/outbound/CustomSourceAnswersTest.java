package io.switchboard.outbound;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import com.github.tomakehurst.wiremock.client.MappingBuilder;
import com.github.tomakehurst.wiremock.stubbing.Scenario;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.switchboard.events.Channel;
import io.switchboard.events.DeliveryAccepted;
import io.switchboard.events.DeliveryFailed;
import io.switchboard.events.DeliveryRetrying;
import io.switchboard.events.FailureCategory;
import io.switchboard.events.ReplyContent;
import io.switchboard.events.ReplyRequested;
import io.switchboard.testing.KafkaResource;
import io.switchboard.testing.PostgresResource;

/**
 * What a custom source's callback may answer, against a real HTTP server: an answer is read up to 64 KiB, an
 * invalid answer is a permanent failure (not retried), a refusal is not retried, and a Retry-After is honoured only
 * up to {@code retry.max-retry-after} (2 s in tests).
 */
@QuarkusTest
@QuarkusTestResource(value = KafkaResource.class, initArgs = @ResourceArg(name = KafkaResource.TOPICS_ARG,
        value = "switchboard.outbound.v1:3,switchboard.outbound-results.v1:3,switchboard.outbound.dead-letter.v1:1,"
                + "switchboard.inbound.v1:3,switchboard.status.v1:3"))
@QuarkusTestResource(PostgresResource.class)
@QuarkusTestResource(WireMockResource.class)
class CustomSourceAnswersTest extends OutboundTestBase {

    private static final String HUGE = "x".repeat(1024 * 1024);

    private static ReplyRequested reply(String conversation) {
        return Events.reply(Channel.CUSTOM, WireMockResource.CUSTOM_SOURCE,
                new ReplyRequested.Recipient("cust_42", null, null, conversation), "agent_17",
                ReplyContent.text("It ships tomorrow."));
    }

    private static MappingBuilder callback(String conversation) {
        return post(urlEqualTo(WireMockResource.CUSTOM_CALLBACK_PATH))
                .withRequestBody(matchingJsonPath("$.conversation.external_id", equalTo(conversation)));
    }

    private int calls(String conversation) {
        return wireMock.findAll(postRequestedFor(urlEqualTo(WireMockResource.CUSTOM_CALLBACK_PATH))
                .withRequestBody(matchingJsonPath("$.conversation.external_id", equalTo(conversation)))).size();
    }

    private DeliveryFailed failedAfterOneCall(String conversation, ReplyRequested command) {
        Events.send(kafka, command);
        DeliveryFailed failed = (DeliveryFailed) Events.read(Events.results(kafka, command.eventId(), 1).get(0));
        assertThat(failed.permanent()).isTrue();
        assertThat(failed.attempts()).isEqualTo(1);
        assertThat(calls(conversation)).isEqualTo(1);
        return failed;
    }

    @Test
    void anAnswerLongerThanTheLimitIsAnInvalidAnswerNotRetried() {
        String conversation = "conv_big_" + Events.phone();
        wireMock.stubFor(callback(conversation).willReturn(okJson("{\"external_id\":\"" + HUGE + "\"}")));

        DeliveryFailed failed = failedAfterOneCall(conversation, reply(conversation));

        assertThat(failed.category()).isEqualTo(FailureCategory.INVALID_REQUEST);
        assertThat(failed.reason()).contains("longer than 65536 bytes").doesNotContain("xxxx");
    }

    @Test
    void aSuccessThatIsNotJsonIsAnInvalidAnswerNotRetried() {
        String conversation = "conv_html_" + Events.phone();
        wireMock.stubFor(callback(conversation).willReturn(aResponse().withStatus(200).withBody("<html>ok</html>")));

        DeliveryFailed failed = failedAfterOneCall(conversation, reply(conversation));

        assertThat(failed.category()).isEqualTo(FailureCategory.INVALID_REQUEST);
        assertThat(failed.reason()).contains("not a JSON object");
    }

    @Test
    void aRefusalIsPermanentAndAHugeErrorBodyIsNotKept() {
        String conversation = "conv_403_" + Events.phone();
        wireMock.stubFor(callback(conversation).willReturn(aResponse().withStatus(403).withBody(HUGE)));

        DeliveryFailed failed = failedAfterOneCall(conversation, reply(conversation));

        assertThat(failed.httpStatus()).isEqualTo(403);
        assertThat(failed.reason()).contains("longer than 65536 bytes").doesNotContain("xxxx");
    }

    @Test
    void aRetryAfterOfADayIsCappedAndTheReplyStillGoes() {
        String conversation = "conv_429_" + Events.phone();
        String scenario = "retry-after-" + conversation;
        wireMock.stubFor(callback(conversation).inScenario(scenario).whenScenarioStateIs(Scenario.STARTED)
                .willReturn(aResponse().withStatus(429).withHeader("Retry-After", "86400"))
                .willSetStateTo("second"));
        wireMock.stubFor(callback(conversation).inScenario(scenario).whenScenarioStateIs("second")
                .willReturn(okJson("{\"external_id\":\"out_7\"}")));
        ReplyRequested command = reply(conversation);

        Events.send(kafka, command);

        var results = Events.results(kafka, command.eventId(), 2, Duration.ofSeconds(30));
        DeliveryRetrying retrying = (DeliveryRetrying) Events.read(results.get(0));
        assertThat(retrying.httpStatus()).isEqualTo(429);
        assertThat(Duration.between(retrying.occurredAt(), retrying.nextAttemptAt()))
                .isLessThanOrEqualTo(Duration.ofSeconds(3));
        assertThat(((DeliveryAccepted) Events.read(results.get(1))).channelMessageId()).isEqualTo("out_7");
    }
}
