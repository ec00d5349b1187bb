package io.switchboard.outbound;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static io.switchboard.testing.KafkaTestClient.header;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.stream.Collectors;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;

import com.github.tomakehurst.wiremock.stubbing.Scenario;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.switchboard.events.Channel;
import io.switchboard.events.ChannelError;
import io.switchboard.events.CloudEventCodec;
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
import io.vertx.mutiny.sqlclient.Tuple;

@QuarkusTest
@QuarkusTestResource(value = KafkaResource.class, initArgs = @ResourceArg(name = KafkaResource.TOPICS_ARG,
        value = "switchboard.outbound.v1:3,switchboard.outbound-results.v1:3,switchboard.outbound.dead-letter.v1:1,"
                + "switchboard.inbound.v1:3,switchboard.status.v1:3"))
@QuarkusTestResource(PostgresResource.class)
@QuarkusTestResource(WireMockResource.class)
class WhatsAppDeliveryTest extends OutboundTestBase {

    static String accepted(String wamid) {
        return "{\"messaging_product\":\"whatsapp\",\"contacts\":[{\"input\":\"+1\",\"wa_id\":\"1\"}],"
                + "\"messages\":[{\"id\":\"" + wamid + "\"}]}";
    }

    static String graphError(int code, String message) {
        return "{\"error\":{\"message\":\"(#" + code + ") " + message + "\",\"type\":\"OAuthException\",\"code\":" + code
                + ",\"error_data\":{\"messaging_product\":\"whatsapp\",\"details\":\"" + message + "\"},"
                + "\"fbtrace_id\":\"Az8or2yhqkZfEZ-_4Qn_Bam\"}}";
    }

    private void stubFor(String phone, com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder answer) {
        wireMock.stubFor(post(urlEqualTo(GRAPH_WA)).withRequestBody(matchingJsonPath("$.to", equalTo("+" + phone)))
                .willReturn(answer));
    }

    private List<LoggedRequest> sentTo(String phone) {
        return wireMock.findAll(postRequestedFor(urlEqualTo(GRAPH_WA))
                .withRequestBody(matchingJsonPath("$.to", equalTo("+" + phone))));
    }

    @Test
    void textIntoAnOpenWindowIsSentOnceEvenWhenTheCommandComesTwice() {
        String phone = Events.phone();
        customerWrote(Channel.WHATSAPP, WireMockResource.WHATSAPP_ACCOUNT, phone, Instant.now());
        stubFor(phone, okJson(accepted("wamid.TEXT1")));
        ReplyRequested command = Events.whatsapp(phone, new ReplyContent(ReplyKind.TEXT,
                "It ships tomorrow: https://track.example/ZX81", null, null, null, null, "wamid.QUOTED"));

        Events.send(kafka, command);
        Events.send(kafka, command);

        List<ConsumerRecord<String, byte[]>> results = Events.results(kafka, command.eventId(), 2);
        for (ConsumerRecord<String, byte[]> record : results) {
            DeliveryAccepted accepted = (DeliveryAccepted) Events.read(record);
            assertThat(accepted.channelMessageId()).isEqualTo("wamid.TEXT1");
            assertThat(accepted.attempts()).isEqualTo(1);
            assertThat(header(record, "ce_id")).isEqualTo(command.eventId() + ":accepted");
            assertThat(header(record, "ce_type")).isEqualTo("switchboard.delivery.accepted");
            assertThat(record.key()).isEqualTo(command.conversationKey());
        }
        List<LoggedRequest> requests = sentTo(phone);
        assertThat(requests).hasSize(1);
        assertThat(requests.get(0).getHeader("Authorization")).isEqualTo("Bearer wa-test-token");
        assertThat(requests.get(0).getBodyAsString()).isEqualTo("{\"messaging_product\":\"whatsapp\","
                + "\"recipient_type\":\"individual\",\"to\":\"+" + phone + "\",\"context\":{\"message_id\":"
                + "\"wamid.QUOTED\"},\"type\":\"text\",\"text\":{\"preview_url\":true,"
                + "\"body\":\"It ships tomorrow: https://track.example/ZX81\"}}");
        assertThat(deliveryState(command.eventId())).isEqualTo("SENT");
    }

    @Test
    void theChannelCallContinuesTheTraceOfTheCommand() {
        String phone = Events.phone();
        customerWrote(Channel.WHATSAPP, WireMockResource.WHATSAPP_ACCOUNT, phone, Instant.now());
        stubFor(phone, okJson(accepted("wamid.TRACED1")));
        ReplyRequested command = Events.whatsapp(phone,
                new ReplyContent(ReplyKind.TEXT, "On its way", null, null, null, null, null));
        String traceId = UUID.randomUUID().toString().replace("-", "");
        ProducerRecord<String, byte[]> record = CloudEventCodec.toRecord(command, Events.SOURCE);
        record.headers().add("traceparent",
                ("00-" + traceId + "-00f067aa0ba902b7-01").getBytes(StandardCharsets.UTF_8));

        kafka.produce(record);

        Events.results(kafka, command.eventId(), 1);
        List<LoggedRequest> requests = sentTo(phone);
        assertThat(requests).hasSize(1);
        String traceparent = requests.get(0).getHeader("traceparent");
        assertThat(traceparent).matches("00-[0-9a-f]{32}-[0-9a-f]{16}-01");
        assertThat(traceparent.split("-")[1]).isEqualTo(traceId);
    }

    @Test
    void templateGoesThroughAClosedWindowWithItsParameters() {
        String phone = Events.phone();
        stubFor(phone, okJson(accepted("wamid.TEMPLATE1")));
        ReplyContent.Template template = new ReplyContent.Template("order_update", "en_US", List.of(
                new ReplyContent.Template.Component("header", null, null, List.of(
                        new ReplyContent.Template.Parameter("image", null, null, "https://cdn.example/box.jpg"))),
                new ReplyContent.Template.Component("body", null, null, List.of(
                        new ReplyContent.Template.Parameter("text", "Ada", null, null),
                        new ReplyContent.Template.Parameter("text", "#1234", null, null))),
                new ReplyContent.Template.Component("button", "quick_reply", 0, List.of(
                        new ReplyContent.Template.Parameter("payload", null, "STOP_PROMOS", null)))));
        ReplyRequested command = Events.whatsapp(phone,
                new ReplyContent(ReplyKind.TEMPLATE, null, null, template, null, null, null));

        Events.send(kafka, command);

        assertThat(Events.read(Events.results(kafka, command.eventId(), 1).get(0))).isInstanceOf(DeliveryAccepted.class);
        wireMock.verify(1, postRequestedFor(urlEqualTo(GRAPH_WA)).withRequestBody(equalToJson("{"
                + "\"messaging_product\":\"whatsapp\",\"recipient_type\":\"individual\",\"to\":\"+" + phone + "\","
                + "\"type\":\"template\",\"template\":{\"name\":\"order_update\","
                + "\"language\":{\"code\":\"en_US\",\"policy\":\"deterministic\"},\"components\":["
                + "{\"type\":\"header\",\"parameters\":[{\"type\":\"image\",\"image\":{\"link\":\"https://cdn.example/box.jpg\"}}]},"
                + "{\"type\":\"body\",\"parameters\":[{\"type\":\"text\",\"text\":\"Ada\"},{\"type\":\"text\",\"text\":\"#1234\"}]},"
                + "{\"type\":\"button\",\"sub_type\":\"quick_reply\",\"index\":\"0\",\"parameters\":[{\"type\":\"payload\",\"payload\":\"STOP_PROMOS\"}]}"
                + "]}}")));
    }

    @Test
    void freeTextIntoAClosedWindowIsRefusedBeforeAnyCall() {
        String phone = Events.phone();
        // The customer last wrote 25 hours ago.
        customerWrote(Channel.WHATSAPP, WireMockResource.WHATSAPP_ACCOUNT, phone,
                Instant.now().minus(Duration.ofHours(25)));
        stubFor(phone, okJson(accepted("wamid.NEVER")));
        ReplyRequested command = Events.whatsapp(phone, ReplyContent.text("Are you still there?"));

        Events.send(kafka, command);

        ConsumerRecord<String, byte[]> record = Events.results(kafka, command.eventId(), 1).get(0);
        DeliveryFailed failed = (DeliveryFailed) Events.read(record);
        assertThat(failed.templateRequired()).isTrue();
        assertThat(failed.category()).isEqualTo(FailureCategory.WINDOW_CLOSED);
        assertThat(failed.attempts()).isZero();
        assertThat(failed.code()).isNull();
        assertThat(failed.reason()).contains("only a template");
        assertThat(header(record, "ce_type")).isEqualTo("switchboard.delivery.failed");
        assertThat(sentTo(phone)).isEmpty();
    }

    @Test
    void mediaByLinkAndInteractiveButtonsHaveTheDocumentedShape() {
        String phone = Events.phone();
        customerWrote(Channel.WHATSAPP, WireMockResource.WHATSAPP_ACCOUNT, phone, Instant.now());
        stubFor(phone, okJson(accepted("wamid.MEDIA")));
        ReplyRequested media = Events.whatsapp(phone, new ReplyContent(ReplyKind.MEDIA, null,
                new ReplyContent.Media("file", "https://cdn.example/invoice.pdf", "Your invoice", "invoice.pdf"), null,
                null, null, null));
        ReplyRequested buttons = Events.whatsapp(phone, new ReplyContent(ReplyKind.INTERACTIVE, "Change the order?",
                null, null, new ReplyContent.Interactive("button", null, "Reply within a day", null, List.of(
                        new ReplyContent.Interactive.Choice("change-button", "Change", null),
                        new ReplyContent.Interactive.Choice("cancel-button", "Cancel", null)), null), null, null));

        Events.send(kafka, media);
        Events.send(kafka, buttons);

        Events.results(kafka, media.eventId(), 1);
        Events.results(kafka, buttons.eventId(), 1);
        wireMock.verify(1, postRequestedFor(urlEqualTo(GRAPH_WA)).withRequestBody(equalToJson("{"
                + "\"messaging_product\":\"whatsapp\",\"recipient_type\":\"individual\",\"to\":\"+" + phone + "\","
                + "\"type\":\"document\",\"document\":{\"link\":\"https://cdn.example/invoice.pdf\","
                + "\"caption\":\"Your invoice\",\"filename\":\"invoice.pdf\"}}")));
        wireMock.verify(1, postRequestedFor(urlEqualTo(GRAPH_WA)).withRequestBody(equalToJson("{"
                + "\"messaging_product\":\"whatsapp\",\"recipient_type\":\"individual\",\"to\":\"+" + phone + "\","
                + "\"type\":\"interactive\",\"interactive\":{\"type\":\"button\",\"body\":{\"text\":\"Change the order?\"},"
                + "\"footer\":{\"text\":\"Reply within a day\"},\"action\":{\"buttons\":["
                + "{\"type\":\"reply\",\"reply\":{\"id\":\"change-button\",\"title\":\"Change\"}},"
                + "{\"type\":\"reply\",\"reply\":{\"id\":\"cancel-button\",\"title\":\"Cancel\"}}]}}}")));
    }

    @Test
    void aTransientErrorIsRetriedThenAccepted() {
        String phone = Events.phone();
        customerWrote(Channel.WHATSAPP, WireMockResource.WHATSAPP_ACCOUNT, phone, Instant.now());
        String scenario = "retry-" + phone;
        wireMock.stubFor(post(urlEqualTo(GRAPH_WA)).withRequestBody(matchingJsonPath("$.to", equalTo("+" + phone)))
                .inScenario(scenario).whenScenarioStateIs(Scenario.STARTED)
                .willReturn(aResponse().withStatus(503).withHeader("Content-Type", "application/json")
                        .withBody(graphError(131016, "Service temporarily unavailable")))
                .willSetStateTo("recovered"));
        wireMock.stubFor(post(urlEqualTo(GRAPH_WA)).withRequestBody(matchingJsonPath("$.to", equalTo("+" + phone)))
                .inScenario(scenario).whenScenarioStateIs("recovered").willReturn(okJson(accepted("wamid.RETRIED"))));
        ReplyRequested command = Events.whatsapp(phone, ReplyContent.text("Second time lucky"));

        Events.send(kafka, command);

        List<SwitchboardEvent> results = Events.results(kafka, command.eventId(), 2).stream().map(Events::read)
                .collect(Collectors.toList());
        DeliveryRetrying retrying = (DeliveryRetrying) results.get(0);
        assertThat(retrying.code()).isEqualTo(131016);
        assertThat(retrying.httpStatus()).isEqualTo(503);
        assertThat(retrying.attempt()).isEqualTo(1);
        assertThat(retrying.eventId()).isEqualTo(command.eventId() + ":retrying:1");
        DeliveryAccepted accepted = (DeliveryAccepted) results.get(1);
        assertThat(accepted.channelMessageId()).isEqualTo("wamid.RETRIED");
        assertThat(accepted.attempts()).isEqualTo(2);
        assertThat(sentTo(phone)).hasSize(2);
    }

    @Test
    void aPermanentErrorFailsAtOnceAndIsDeadLettered() {
        String phone = Events.phone();
        customerWrote(Channel.WHATSAPP, WireMockResource.WHATSAPP_ACCOUNT, phone, Instant.now());
        stubFor(phone, aResponse().withStatus(400).withHeader("Content-Type", "application/json")
                .withBody(graphError(131026, "Message undeliverable")));
        ReplyRequested command = Events.whatsapp(phone, ReplyContent.text("Hello?"));

        Events.send(kafka, command);

        DeliveryFailed failed = (DeliveryFailed) Events.read(Events.results(kafka, command.eventId(), 1).get(0));
        assertThat(failed.code()).isEqualTo(131026);
        assertThat(failed.httpStatus()).isEqualTo(400);
        assertThat(failed.permanent()).isTrue();
        assertThat(failed.templateRequired()).isFalse();
        assertThat(failed.category()).isEqualTo(FailureCategory.RECIPIENT_UNREACHABLE);
        assertThat(failed.reason()).contains("Undeliverable").contains("Message undeliverable");
        assertThat(failed.attempts()).isEqualTo(1);
        ConsumerRecord<String, byte[]> dead = kafka.awaitRecords(Topics.OUTBOUND_DEAD_LETTER, 1,
                record -> command.eventId().equals(header(record, "ce_id"))).get(0);
        assertThat(header(dead, "sb_dlq_reason")).isEqualTo(failed.reason());
        assertThat(header(dead, "sb_dlq_category")).isEqualTo("recipient_unreachable");
        assertThat(header(dead, "sb_dlq_code")).isEqualTo("131026");
        assertThat(header(dead, "ce_type")).isEqualTo("switchboard.reply.requested");
        assertThat(sentTo(phone)).hasSize(1);
    }

    @Test
    void theChannelsWindowErrorClosesTheWindowForTheNextReply() {
        String phone = Events.phone();
        // Our clock says open; the channel knows better (docs/channels.md §2.7).
        customerWrote(Channel.WHATSAPP, WireMockResource.WHATSAPP_ACCOUNT, phone, Instant.now());
        stubFor(phone, aResponse().withStatus(400).withHeader("Content-Type", "application/json")
                .withBody(graphError(131047, "Re-engagement message")));
        ReplyRequested first = Events.whatsapp(phone, ReplyContent.text("First"));
        ReplyRequested second = Events.whatsapp(phone, ReplyContent.text("Second"));

        Events.send(kafka, first);
        DeliveryFailed rejected = (DeliveryFailed) Events.read(Events.results(kafka, first.eventId(), 1).get(0));
        Events.send(kafka, second);
        DeliveryFailed refused = (DeliveryFailed) Events.read(Events.results(kafka, second.eventId(), 1).get(0));

        assertThat(rejected.code()).isEqualTo(131047);
        assertThat(rejected.templateRequired()).isTrue();
        assertThat(rejected.category()).isEqualTo(FailureCategory.WINDOW_CLOSED);
        assertThat(rejected.attempts()).isEqualTo(1);
        assertThat(refused.templateRequired()).isTrue();
        assertThat(refused.attempts()).isZero();
        assertThat(sentTo(phone)).hasSize(1);
    }

    @Test
    void noAnswerWithinTheTimeoutIsReportedUnknownAndNeverResent() {
        String phone = Events.phone();
        customerWrote(Channel.WHATSAPP, WireMockResource.WHATSAPP_ACCOUNT, phone, Instant.now());
        stubFor(phone, okJson(accepted("wamid.LATE")).withFixedDelay(6_000));
        ReplyRequested command = Events.whatsapp(phone, ReplyContent.text("Slow line"));

        Events.send(kafka, command);
        Events.send(kafka, command);

        List<SwitchboardEvent> results = Events.results(kafka, command.eventId(), 2).stream().map(Events::read)
                .collect(Collectors.toList());
        for (SwitchboardEvent result : results) {
            DeliveryFailed failed = (DeliveryFailed) result;
            assertThat(failed.category()).isEqualTo(FailureCategory.OUTCOME_UNKNOWN);
            assertThat(failed.permanent()).isFalse();
            assertThat(failed.reason()).contains("check the conversation");
        }
        assertThat(deliveryState(command.eventId())).isEqualTo("UNKNOWN");
        assertThat(sentTo(phone)).hasSize(1);
    }

    @Test
    void aCommandLeftPendingByACrashIsNotResentButReportedForACheck() {
        String phone = Events.phone();
        customerWrote(Channel.WHATSAPP, WireMockResource.WHATSAPP_ACCOUNT, phone, Instant.now());
        stubFor(phone, okJson(accepted("wamid.DUPLICATE")));
        ReplyRequested command = Events.whatsapp(phone, ReplyContent.text("Sent before the crash?"));
        // What a process that died during the call leaves behind.
        pool.preparedQuery("INSERT INTO deliveries (idempotency_key, conversation_key, channel, channel_account_id, "
                + "state, attempts) VALUES ($1, $2, 'whatsapp', $3, 'PENDING', 1)")
                .execute(Tuple.of(command.eventId(), command.conversationKey(), command.channelAccountId()))
                .await().atMost(Duration.ofSeconds(5));

        Events.send(kafka, command);

        DeliveryFailed failed = (DeliveryFailed) Events.read(Events.results(kafka, command.eventId(), 1).get(0));
        assertThat(failed.category()).isEqualTo(FailureCategory.OUTCOME_UNKNOWN);
        assertThat(failed.reason()).contains("may have been sent");
        assertThat(deliveryState(command.eventId())).isEqualTo("UNKNOWN");
        kafka.awaitRecords(Topics.OUTBOUND_DEAD_LETTER, 1, record -> command.eventId().equals(header(record, "ce_id")));
        assertThat(sentTo(phone)).isEmpty();
    }

    @Test
    void aRetryLeftWaitingByARestartResumesWhenDue() {
        String phone = Events.phone();
        customerWrote(Channel.WHATSAPP, WireMockResource.WHATSAPP_ACCOUNT, phone, Instant.now());
        stubFor(phone, okJson(accepted("wamid.RESUMED")));
        ReplyRequested command = Events.whatsapp(phone, ReplyContent.text("Retried after the restart"));
        // What a process that stopped during a back-off leaves behind: the first call certainly failed.
        pool.preparedQuery("INSERT INTO deliveries (idempotency_key, conversation_key, channel, channel_account_id, "
                + "state, attempts, next_attempt_at) VALUES ($1, $2, 'whatsapp', $3, 'RETRYING', 1, now() + interval '1 second')")
                .execute(Tuple.of(command.eventId(), command.conversationKey(), command.channelAccountId()))
                .await().atMost(Duration.ofSeconds(5));

        Events.send(kafka, command);

        DeliveryAccepted accepted = (DeliveryAccepted) Events.read(Events.results(kafka, command.eventId(), 1).get(0));
        assertThat(accepted.attempts()).isEqualTo(2);
        assertThat(sentTo(phone)).hasSize(1);
        assertThat(deliveryState(command.eventId())).isEqualTo("SENT");
    }

    @Test
    void receiptsAreMergedMonotonicallyAndPublished() {
        String phone = Events.phone();
        customerWrote(Channel.WHATSAPP, WireMockResource.WHATSAPP_ACCOUNT, phone, Instant.now());
        String wamid = "wamid.RECEIPT" + phone;
        stubFor(phone, okJson(accepted(wamid)));
        ReplyRequested command = Events.whatsapp(phone, ReplyContent.text("Track me"));
        Events.send(kafka, command);
        Events.results(kafka, command.eventId(), 1);

        Events.send(kafka, Events.receipt(command.conversationKey(), wamid, DeliveryState.DELIVERED));
        Events.results(kafka, command.eventId(), 2);
        // Out of order: "sent" after "delivered" changes nothing; "read" moves it on.
        Events.send(kafka, Events.receipt(command.conversationKey(), wamid, DeliveryState.SENT));
        Events.send(kafka, Events.receipt(command.conversationKey(), wamid, DeliveryState.READ));
        List<SwitchboardEvent> results = Events.results(kafka, command.eventId(), 3).stream().map(Events::read)
                .collect(Collectors.toList());

        assertThat(results.get(1)).isInstanceOf(DeliveryProgressed.class);
        assertThat(((DeliveryProgressed) results.get(1)).status()).isEqualTo(DeliveryState.DELIVERED);
        assertThat(((DeliveryProgressed) results.get(2)).status()).isEqualTo(DeliveryState.READ);
        assertThat(((DeliveryProgressed) results.get(2)).channelMessageId()).isEqualTo(wamid);
        assertThat(results.get(2).eventId()).isEqualTo(command.eventId() + ":read");
        List<String> ids = kafka.readAll(Topics.OUTBOUND_RESULTS).stream().map(r -> header(r, "ce_id"))
                .filter(id -> id.startsWith(command.eventId())).collect(Collectors.toList());
        assertThat(ids).containsExactly(command.eventId() + ":accepted", command.eventId() + ":delivered",
                command.eventId() + ":read");
    }

    @Test
    void aFailedReceiptWith131047IsReportedLikeARefusalAndClosesTheWindow() {
        String phone = Events.phone();
        customerWrote(Channel.WHATSAPP, WireMockResource.WHATSAPP_ACCOUNT, phone, Instant.now());
        String wamid = "wamid.ASYNC" + phone;
        stubFor(phone, okJson(accepted(wamid)));
        ReplyRequested command = Events.whatsapp(phone, ReplyContent.text("Accepted, then refused"));
        Events.send(kafka, command);
        Events.results(kafka, command.eventId(), 1);

        Events.send(kafka, new DeliveryStatusChanged("wa:" + wamid + ":failed", Channel.WHATSAPP,
                WireMockResource.WHATSAPP_ACCOUNT, command.conversationKey(), phone, wamid, DeliveryState.FAILED, null,
                List.of(new ChannelError(131047, null, "Re-engagement message",
                        "Re-engagement message", "Message failed to send because more than 24 hours have passed "
                                + "since the customer last replied to this number.", null)),
                null, null, Instant.now(), Instant.now(), new RawRef(Topics.RAW_WEBHOOKS, 0, 0)));

        List<SwitchboardEvent> results = Events.results(kafka, command.eventId(), 3).stream().map(Events::read)
                .collect(Collectors.toList());
        assertThat(((DeliveryProgressed) results.get(1)).status()).isEqualTo(DeliveryState.FAILED);
        DeliveryFailed failed = (DeliveryFailed) results.get(2);
        assertThat(failed.code()).isEqualTo(131047);
        assertThat(failed.templateRequired()).isTrue();
        assertThat(failed.category()).isEqualTo(FailureCategory.WINDOW_CLOSED);
        assertThat(failed.reason()).contains("more than 24 hours");

        ReplyRequested next = Events.whatsapp(phone, ReplyContent.text("Hello again"));
        Events.send(kafka, next);
        DeliveryFailed refused = (DeliveryFailed) Events.read(Events.results(kafka, next.eventId(), 1).get(0));
        assertThat(refused.templateRequired()).isTrue();
        assertThat(refused.attempts()).isZero();
        assertThat(sentTo(phone)).hasSize(1);
    }

    @Test
    void repliesToOneCustomerArePacedByThePairLimitWhileOthersKeepFlowing() {
        // Test profile: a burst of 2, then one message per second to the same customer.
        String phone = Events.phone();
        String other = Events.phone();
        customerWrote(Channel.WHATSAPP, WireMockResource.WHATSAPP_ACCOUNT, phone, Instant.now());
        customerWrote(Channel.WHATSAPP, WireMockResource.WHATSAPP_ACCOUNT, other, Instant.now());
        stubFor(phone, okJson(accepted("wamid.PACED")));
        stubFor(other, okJson(accepted("wamid.OTHER")));
        List<ReplyRequested> commands = List.of(Events.whatsapp(phone, ReplyContent.text("one")),
                Events.whatsapp(phone, ReplyContent.text("two")), Events.whatsapp(phone, ReplyContent.text("three")),
                Events.whatsapp(phone, ReplyContent.text("four")));
        ReplyRequested meanwhile = Events.whatsapp(other, ReplyContent.text("not held up"));
        commands.forEach(command -> Events.send(kafka, command));
        Events.send(kafka, meanwhile);

        commands.forEach(command -> Events.results(kafka, command.eventId(), 1));
        Events.results(kafka, meanwhile.eventId(), 1);

        List<Long> sentAt = sentTo(phone).stream().map(request -> request.getLoggedDate().getTime()).sorted()
                .collect(Collectors.toList());
        assertThat(sentAt).hasSize(4);
        // The third and fourth wait for the bucket: about 1 s after the burst, and 1 s apart.
        assertThat(sentAt.get(2) - sentAt.get(0)).isGreaterThanOrEqualTo(800);
        assertThat(sentAt.get(3) - sentAt.get(2)).isGreaterThanOrEqualTo(800);
        // The other customer's reply did not queue behind the paced ones.
        long otherAt = sentTo(other).get(0).getLoggedDate().getTime();
        assertThat(otherAt).isLessThan(sentAt.get(3));
    }
}
