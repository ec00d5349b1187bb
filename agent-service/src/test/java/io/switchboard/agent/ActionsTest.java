package io.switchboard.agent;

import static io.restassured.RestAssured.given;
import static io.switchboard.testing.KafkaTestClient.header;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.switchboard.agent.conversation.ActionIds;
import io.restassured.http.ContentType;
import io.switchboard.events.Channel;
import io.switchboard.events.CloudEventCodec;
import io.switchboard.events.ConversationAssigned;
import io.switchboard.events.Customer;
import io.switchboard.events.ConversationOffered;
import io.switchboard.events.MessageContent;
import io.switchboard.events.MessageRouted;
import io.switchboard.events.OfferAccepted;
import io.switchboard.events.ReplyKind;
import io.switchboard.events.ReplyRequested;
import io.switchboard.events.ResolutionRequested;
import io.switchboard.events.Topics;
import io.switchboard.events.TransferRequested;
import io.switchboard.testing.KafkaTestClient;
import io.switchboard.testing.auth.TestTokens;

@QuarkusTest
class ActionsTest {

    private static final String KEY_HEADER = "Idempotency-Key";

    static String agent() {
        String id = DirectoryTest.newAgentId();
        DirectoryTest.create(id);
        return id;
    }

    /** A conversation routing assigned to {@code agentId}, with one customer message, visible to the agent. */
    static String assignedConversation(String agentId, String conversationId, Instant customerWroteAt) {
        String key = Routing.conversationKey();
        Routing.publish(Routing.assigned(key, conversationId, agentId));
        Routing.publish(Routing.routed(key, conversationId, agentId, "hola, mi factura", customerWroteAt));
        Awaitility.await().atMost(Duration.ofSeconds(20)).untilAsserted(() ->
                given().auth().oauth2(TestTokens.agent(agentId)).get("/me/conversations/" + key)
                        .then().statusCode(200).body("transcript.text", hasItem("hola, mi factura")));
        return key;
    }

    static List<ConsumerRecord<String, byte[]>> records(String topic, String eventId) {
        try (KafkaTestClient kafka = new KafkaTestClient()) {
            kafka.awaitRecords(topic, 1, r -> eventId.equals(header(r, CloudEventCodec.HEADER_ID)));
            return kafka.readAll(topic).stream()
                    .filter(r -> eventId.equals(header(r, CloudEventCodec.HEADER_ID))).toList();
        }
    }

    @Test
    void acceptingAnOfferTwiceWithOneKeyPublishesOneOfferAccepted() {
        String id = agent();
        String other = agent();
        String key = Routing.conversationKey();
        String conversationId = Routing.id();
        String offerId = Routing.id();
        Routing.publish(Routing.offered(key, conversationId, id, offerId, Instant.now().plusSeconds(60)));
        Awaitility.await().atMost(Duration.ofSeconds(20)).untilAsserted(() ->
                given().auth().oauth2(TestTokens.agent(id)).get("/me/offers")
                        .then().statusCode(200).body("offerId", hasItem(offerId)));
        String click = "click-" + Routing.id();

        given().auth().oauth2(TestTokens.agent(other)).header(KEY_HEADER, "x-" + click)
                .post("/me/offers/" + offerId + "/accept").then().statusCode(403).body("error", equalTo("not_yours"));
        given().auth().oauth2(TestTokens.agent(id)).post("/me/offers/" + offerId + "/accept")
                .then().statusCode(400).body("error", equalTo("idempotency_key_required"));
        for (int i = 0; i < 2; i++) {
            given().auth().oauth2(TestTokens.agent(id)).header(KEY_HEADER, click).post("/me/offers/" + offerId + "/accept")
                    .then().statusCode(202).body("eventId", equalTo(ActionIds.eventId(id, click)),
                            "type", equalTo("switchboard.agent.offer-accepted"));
        }

        List<ConsumerRecord<String, byte[]>> published = records(Topics.AGENT_ACTIONS, ActionIds.eventId(id, click));
        assertThat(published).hasSize(1);
        assertThat(published.get(0).key()).isEqualTo(key);
        assertThat(header(published.get(0), CloudEventCodec.HEADER_TYPE)).isEqualTo("switchboard.agent.offer-accepted");
        OfferAccepted accepted = (OfferAccepted) CloudEventCodec.read(published.get(0).headers(),
                published.get(0).value());
        assertThat(accepted.agentId()).isEqualTo(id);
        assertThat(accepted.offerId()).isEqualTo(offerId);
        assertThat(accepted.conversationId()).isEqualTo(conversationId);
        given().auth().oauth2(TestTokens.agent(id)).header(KEY_HEADER, "decline-" + click).contentType(ContentType.JSON)
                .body(Map.of("reason", "busy")).post("/me/offers/" + offerId + "/decline").then().statusCode(409).body("error", equalTo("offer_taken"));
        given().auth().oauth2(TestTokens.agent(id)).header(KEY_HEADER, click).post("/me/offers/nope/accept")
                .then().statusCode(404).body("error", equalTo("unknown_offer"));
    }

    @Test
    void anExpiredOfferCannotBeAccepted() {
        String id = agent();
        String offerId = Routing.id();
        Routing.publish(Routing.offered(Routing.conversationKey(), Routing.id(), id, offerId,
                Instant.now().minusSeconds(1)));
        Awaitility.await().atMost(Duration.ofSeconds(20)).untilAsserted(() ->
                given().auth().oauth2(TestTokens.agent(id)).header(KEY_HEADER, Routing.id())
                        .post("/me/offers/" + offerId + "/accept")
                        .then().statusCode(409).body("error", equalTo("offer_expired")));
    }

    @Test
    void aReplyIsPublishedOnceToOutboundWithTheIdempotencyKey() {
        String id = agent();
        String conversationId = Routing.id();
        String key = assignedConversation(id, conversationId, Instant.now());
        String click = "reply-" + Routing.id();

        for (int i = 0; i < 2; i++) {
            given().auth().oauth2(TestTokens.agent(id)).header(KEY_HEADER, click).contentType(ContentType.JSON)
                    .body(Map.of("kind", "text", "text", "Claro, la reviso"))
                    .post("/me/conversations/" + key + "/replies").then().statusCode(202);
        }

        List<ConsumerRecord<String, byte[]>> published = records(Topics.OUTBOUND, ActionIds.eventId(id, click));
        assertThat(published).hasSize(1);
        ReplyRequested reply = (ReplyRequested) CloudEventCodec.read(published.get(0).headers(),
                published.get(0).value());
        // Keyed by the sending account (outbound-service's owner per sender); the subject is the conversation.
        assertThat(published.get(0).key()).isEqualTo(reply.channel().wireName() + ":" + reply.channelAccountId());
        assertThat(CloudEventCodec.header(published.get(0).headers(), CloudEventCodec.HEADER_SUBJECT)).isEqualTo(key);
        assertThat(reply.content().kind()).isEqualTo(ReplyKind.TEXT);
        assertThat(reply.content().text()).isEqualTo("Claro, la reviso");
        assertThat(reply.agentId()).isEqualTo(id);
        assertThat(reply.agentDisplayName()).isEqualTo("Ana Pérez");
        assertThat(reply.recipient().userId()).isEqualTo(key.substring(key.lastIndexOf(':') + 1));
        given().auth().oauth2(TestTokens.agent(id)).get("/me/conversations/" + key).then().statusCode(200)
                .body("transcript.direction", equalTo(List.of("inbound", "outbound")));
    }

    @Test
    void aReplyToACustomSourceNamesItsConversationAndTheCustomersOwnId() {
        // A custom source's key names its conversation; the user is the routed message's customer (§7.1).
        String id = agent();
        String conversationId = Routing.id();
        String conversation = "conv_" + Routing.id();
        String key = Channel.CUSTOM.conversationKey("acme-shop", conversation);
        Routing.publish(new ConversationAssigned("assigned:" + Routing.id(), Channel.CUSTOM, "acme-shop", key,
                conversationId, "support", id, null, null, null, Instant.now()));
        String messageId = "custom:acme-shop:" + Routing.id();
        Routing.publish(new MessageRouted(messageId + ":routed:" + id, Channel.CUSTOM, "acme-shop", key,
                conversationId, id, messageId, "msg_" + Routing.id(), Customer.of("cust_42", Map.of("external_id",
                        "cust_42")), MessageContent.text("Where is my order?"), Instant.now(), Instant.now(), null,
                null, null, null));
        Awaitility.await().atMost(Duration.ofSeconds(20)).untilAsserted(() ->
                given().auth().oauth2(TestTokens.agent(id)).get("/me/conversations/" + key)
                        .then().statusCode(200).body("transcript.text", hasItem("Where is my order?")));
        String click = "reply-" + Routing.id();

        given().auth().oauth2(TestTokens.agent(id)).header(KEY_HEADER, click).contentType(ContentType.JSON)
                .body(Map.of("kind", "text", "text", "It ships tomorrow."))
                .post("/me/conversations/" + key + "/replies").then().statusCode(202);

        ConsumerRecord<String, byte[]> published = records(Topics.OUTBOUND, ActionIds.eventId(id, click)).get(0);
        ReplyRequested reply = (ReplyRequested) CloudEventCodec.read(published.headers(), published.value());
        assertThat(reply.recipient().conversationId()).isEqualTo(conversation);
        assertThat(reply.recipient().userId()).isEqualTo("cust_42");
    }

    @Test
    void aTelegramConversationIsOfferedAcceptedAndAnsweredWithoutAWindow() {
        String id = agent();
        String bot = "7000000001";
        String chat = String.valueOf(900_000_000L + Math.abs(System.nanoTime() % 99_999_999L));
        String key = Channel.TELEGRAM.conversationKey(bot, chat);
        String conversationId = Routing.id();
        String offerId = Routing.id();
        Routing.publish(new ConversationOffered("offered:" + offerId, Channel.TELEGRAM, bot, key, conversationId,
                "support", offerId, id, Instant.now().plusSeconds(60), null, Instant.now()));
        Awaitility.await().atMost(Duration.ofSeconds(20)).untilAsserted(() ->
                given().auth().oauth2(TestTokens.agent(id)).get("/me/offers")
                        .then().statusCode(200).body("offerId", hasItem(offerId)));
        String click = "accept-" + Routing.id();
        given().auth().oauth2(TestTokens.agent(id)).header(KEY_HEADER, click)
                .post("/me/offers/" + offerId + "/accept").then().statusCode(202);
        ConsumerRecord<String, byte[]> accepted = records(Topics.AGENT_ACTIONS, ActionIds.eventId(id, click)).get(0);
        assertThat(((OfferAccepted) CloudEventCodec.read(accepted.headers(), accepted.value())).channel())
                .isEqualTo(Channel.TELEGRAM);

        // The customer wrote three days ago: Telegram has no window, so free text still goes.
        Routing.publish(new ConversationAssigned("assigned:" + Routing.id(), Channel.TELEGRAM, bot, key,
                conversationId, "support", id, offerId, null, null, Instant.now()));
        String messageId = "tg:" + bot + ":" + Routing.id();
        Routing.publish(new MessageRouted(messageId + ":routed:" + id, Channel.TELEGRAM, bot, key, conversationId,
                id, messageId, "323", null, MessageContent.text("/start"), Instant.now().minus(Duration.ofDays(3)),
                Instant.now(), null, null, null, null));
        Awaitility.await().atMost(Duration.ofSeconds(20)).untilAsserted(() ->
                given().auth().oauth2(TestTokens.agent(id)).get("/me/conversations/" + key)
                        .then().statusCode(200).body("transcript.text", hasItem("/start")));
        String reply = "reply-" + Routing.id();
        given().auth().oauth2(TestTokens.agent(id)).header(KEY_HEADER, reply).contentType(ContentType.JSON)
                .body(Map.of("kind", "text", "text", "Hi Danil")).post("/me/conversations/" + key + "/replies")
                .then().statusCode(202);

        ConsumerRecord<String, byte[]> published = records(Topics.OUTBOUND, ActionIds.eventId(id, reply)).get(0);
        ReplyRequested command = (ReplyRequested) CloudEventCodec.read(published.headers(), published.value());
        assertThat(command.channel()).isEqualTo(Channel.TELEGRAM);
        assertThat(command.channelAccountId()).isEqualTo(bot);
        assertThat(command.recipient().userId()).isEqualTo(chat);
    }

    @Test
    void anSmsReplyGoesToTheCustomersNumberAndKnowsNoWindow() {
        String id = agent();
        String conversationId = Routing.id();
        String business = "16505551366";
        String customer = "1415" + (1_000_000 + System.nanoTime() % 8_999_999);
        String key = Channel.SMS.conversationKey(business, customer);
        Routing.publish(new ConversationAssigned("assigned:" + Routing.id(), Channel.SMS, business, key,
                conversationId, "support", id, null, null, null, Instant.now()));
        String messageId = "sms:SM" + Routing.id();
        // Three days ago: outside any WhatsApp or Messenger window, and SMS has none.
        Routing.publish(new MessageRouted(messageId + ":routed:" + id, Channel.SMS, business, key, conversationId, id,
                messageId, messageId.substring(4), null, MessageContent.text("are you open sunday?"),
                Instant.now().minus(Duration.ofDays(3)), Instant.now(), null, null, null, null));
        Awaitility.await().atMost(Duration.ofSeconds(20)).untilAsserted(() ->
                given().auth().oauth2(TestTokens.agent(id)).get("/me/conversations/" + key)
                        .then().statusCode(200).body("transcript.text", hasItem("are you open sunday?")));
        String click = "sms-reply-" + Routing.id();

        given().auth().oauth2(TestTokens.agent(id)).header(KEY_HEADER, click).contentType(ContentType.JSON)
                .body(Map.of("kind", "text", "text", "Yes, 10 to 4")).post("/me/conversations/" + key + "/replies")
                .then().statusCode(202);

        ConsumerRecord<String, byte[]> published = records(Topics.OUTBOUND, ActionIds.eventId(id, click)).get(0);
        // Keyed by the sending number (outbound's rate limit per sender); the subject names the conversation.
        assertThat(published.key()).isEqualTo("sms:" + business);
        assertThat(header(published, CloudEventCodec.HEADER_SUBJECT)).isEqualTo(key);
        ReplyRequested reply = (ReplyRequested) CloudEventCodec.read(published.headers(), published.value());
        assertThat(reply.channel()).isEqualTo(Channel.SMS);
        assertThat(reply.channelAccountId()).isEqualTo(business);
        assertThat(reply.recipient().userId()).isEqualTo(customer);
        assertThat(reply.recipient().phone()).isEqualTo(customer);
    }

    @Test
    void aReplyLeavesTheOutboxInTheTraceOfTheAgentsRequest() {
        String id = agent();
        String key = assignedConversation(id, Routing.id(), Instant.now());
        String click = "reply-" + Routing.id();
        String traceId = UUID.randomUUID().toString().replace("-", "");

        given().auth().oauth2(TestTokens.agent(id)).header(KEY_HEADER, click)
                .header("traceparent", "00-" + traceId + "-00f067aa0ba902b7-01").contentType(ContentType.JSON)
                .body(Map.of("kind", "text", "text", "traced")).post("/me/conversations/" + key + "/replies")
                .then().statusCode(202);

        // Written to the outbox in the request, published later by the relay's timer: still the request's trace.
        String traceparent = header(records(Topics.OUTBOUND, ActionIds.eventId(id, click)).get(0), "traceparent");
        assertThat(traceparent).matches("00-[0-9a-f]{32}-[0-9a-f]{16}-01");
        assertThat(traceparent.split("-")[1]).isEqualTo(traceId);
    }

    @Test
    void freeTextIntoAClosedWindowIsRefusedButATemplateGoes() {
        String id = agent();
        String key = assignedConversation(id, Routing.id(), Instant.now().minus(Duration.ofHours(25)));

        given().auth().oauth2(TestTokens.agent(id)).header(KEY_HEADER, Routing.id()).contentType(ContentType.JSON)
                .body(Map.of("kind", "text", "text", "hola?")).post("/me/conversations/" + key + "/replies")
                .then().statusCode(409).body("error", equalTo("window_closed"));
        given().auth().oauth2(TestTokens.agent(id)).header(KEY_HEADER, Routing.id()).contentType(ContentType.JSON)
                .body(Map.of("kind", "template", "template", Map.of("name", "follow_up", "language", "es",
                        "parameters", List.of("Ana"))))
                .post("/me/conversations/" + key + "/replies").then().statusCode(202);
    }

    @Test
    void resolveAndTransferGoToRoutingAsRequests() {
        String id = agent();
        String colleague = agent();
        String conversationId = Routing.id();
        String key = assignedConversation(id, conversationId, Instant.now());
        String transfer = "transfer-" + Routing.id();
        String resolve = "resolve-" + Routing.id();

        given().auth().oauth2(TestTokens.agent(id)).header(KEY_HEADER, Routing.id()).contentType(ContentType.JSON)
                .body(Map.of("toAgentId", "nobody-" + Routing.id(), "reason", "billing expert"))
                .post("/me/conversations/" + key + "/transfer").then().statusCode(404)
                .body("error", equalTo("unknown_agent"));
        given().auth().oauth2(TestTokens.agent(id)).header(KEY_HEADER, Routing.id()).contentType(ContentType.JSON)
                .body(Map.of("reason", "no target")).post("/me/conversations/" + key + "/transfer")
                .then().statusCode(400).body("error", equalTo("transfer_target_required"));
        given().auth().oauth2(TestTokens.agent(id)).header(KEY_HEADER, transfer).contentType(ContentType.JSON)
                .body(Map.of("toAgentId", colleague, "reason", "billing expert"))
                .post("/me/conversations/" + key + "/transfer").then().statusCode(202);
        given().auth().oauth2(TestTokens.agent(id)).header(KEY_HEADER, resolve).contentType(ContentType.JSON)
                .body(Map.of("disposition", "solved")).post("/me/conversations/" + key + "/resolve")
                .then().statusCode(202);

        ConsumerRecord<String, byte[]> transferRecord = records(Topics.AGENT_ACTIONS, ActionIds.eventId(id, transfer)).get(0);
        TransferRequested requested = (TransferRequested) CloudEventCodec.read(transferRecord.headers(),
                transferRecord.value());
        assertThat(requested.toAgentId()).isEqualTo(colleague);
        assertThat(requested.reason()).isEqualTo("billing expert");
        assertThat(requested.conversationId()).isEqualTo(conversationId);
        assertThat(transferRecord.key()).isEqualTo(key);
        ConsumerRecord<String, byte[]> resolveRecord = records(Topics.AGENT_ACTIONS, ActionIds.eventId(id, resolve)).get(0);
        assertThat(((ResolutionRequested) CloudEventCodec.read(resolveRecord.headers(), resolveRecord.value()))
                .disposition()).isEqualTo("solved");
    }

    @Test
    void anAgentCannotReadOrActOnAnotherAgentsConversation() {
        String owner = agent();
        String intruder = agent();
        String key = assignedConversation(owner, Routing.id(), Instant.now());

        given().auth().oauth2(TestTokens.agent(intruder)).get("/me/conversations/" + key)
                .then().statusCode(403).body("error", equalTo("not_yours"));
        given().auth().oauth2(TestTokens.agent(intruder)).get("/me/conversations")
                .then().statusCode(200).body("conversationKey", not(hasItem(key)));
        given().auth().oauth2(TestTokens.agent(intruder)).header(KEY_HEADER, Routing.id()).contentType(ContentType.JSON)
                .body(Map.of("kind", "text", "text", "hi")).post("/me/conversations/" + key + "/replies")
                .then().statusCode(403).body("error", equalTo("not_yours"));
        given().auth().oauth2(TestTokens.agent(intruder)).header(KEY_HEADER, Routing.id()).contentType(ContentType.JSON)
                .body(Map.of("disposition", "solved")).post("/me/conversations/" + key + "/resolve")
                .then().statusCode(403);
        given().auth().oauth2(TestTokens.agent(intruder)).get("/conversations/" + key).then().statusCode(403);
        given().auth().oauth2(TestTokens.agent(intruder)).get("/agents/" + owner).then().statusCode(403);
        given().auth().oauth2(TestTokens.supervisor()).get("/conversations/" + key)
                .then().statusCode(200).body("agentId", equalTo(owner));
        given().auth().oauth2(TestTokens.agent(owner)).get("/agents/" + owner).then().statusCode(200);
    }

    @Test
    void badActionsAreRefusedWithTheReason() {
        String id = agent();
        String conversationId = Routing.id();
        String key = assignedConversation(id, conversationId, Instant.now());
        String offerId = Routing.id();
        Routing.publish(Routing.offered(Routing.conversationKey(), Routing.id(), id, offerId,
                Instant.now().plusSeconds(60)));
        Awaitility.await().atMost(Duration.ofSeconds(20)).untilAsserted(() ->
                given().auth().oauth2(TestTokens.agent(id)).get("/me/offers")
                        .then().statusCode(200).body("offerId", hasItem(offerId)));
        String reply = "/me/conversations/" + key + "/replies";

        given().auth().oauth2(TestTokens.agent(id)).header(KEY_HEADER, Routing.id())
                .post("/me/offers/" + offerId + "/accept").then().statusCode(202);
        given().auth().oauth2(TestTokens.agent(id)).header(KEY_HEADER, Routing.id()).contentType(ContentType.JSON)
                .body(Map.of("reason", "busy")).post("/me/offers/" + offerId + "/decline")
                .then().statusCode(409).body("error", equalTo("offer_taken"));
        given().auth().oauth2(TestTokens.agent(id)).header(KEY_HEADER, Routing.id())
                .post("/me/offers/no-such-offer/accept").then().statusCode(404).body("error", equalTo("unknown_offer"));
        given().auth().oauth2(TestTokens.agent(id)).header(KEY_HEADER, Routing.id()).contentType(ContentType.JSON)
                .body("{\"kind\": \"text\", \"text\": ").post(reply).then().statusCode(400);
        given().auth().oauth2(TestTokens.agent(id)).header(KEY_HEADER, Routing.id()).contentType(ContentType.JSON)
                .post(reply).then().statusCode(400);
        given().auth().oauth2(TestTokens.agent(id)).header(KEY_HEADER, Routing.id()).contentType(ContentType.JSON)
                .body(Map.of("kind", "fax", "text", "hola")).post(reply).then().statusCode(400)
                .body(org.hamcrest.Matchers.containsString("must be text, media or template"));
        given().auth().oauth2(TestTokens.agent(id)).header(KEY_HEADER, Routing.id()).contentType(ContentType.JSON)
                .body(Map.of("kind", "text")).post(reply)
                .then().statusCode(400).body("error", equalTo("text_required"));
        given().auth().oauth2(TestTokens.agent(id)).header(KEY_HEADER, Routing.id()).contentType(ContentType.JSON)
                .body(Map.of("reason", "done")).post("/me/conversations/" + key + "/resolve").then().statusCode(400)
                .body(org.hamcrest.Matchers.containsString("disposition"));
        given().auth().oauth2(TestTokens.agent(id)).header(KEY_HEADER, Routing.id()).contentType(ContentType.JSON)
                .body(Map.of("kind", "text", "text", "hola")).post("/me/conversations/whatsapp:1:nobody/replies")
                .then().statusCode(404).body("error", equalTo("unknown_conversation"));

        Routing.publish(Routing.resolved(key, conversationId, id));
        Awaitility.await().atMost(Duration.ofSeconds(20)).untilAsserted(() ->
                given().auth().oauth2(TestTokens.agent(id)).header(KEY_HEADER, Routing.id()).contentType(ContentType.JSON)
                        .body(Map.of("kind", "text", "text", "¿algo más?")).post(reply)
                        .then().statusCode(409).body("error", equalTo("conversation_closed")));
    }

    @Test
    void missingOrWrongTokensAreRefused() {
        given().get("/me/conversations").then().statusCode(401);
        given().contentType(ContentType.JSON).body(DirectoryTest.profile(DirectoryTest.newAgentId()))
                .post("/agents").then().statusCode(401);
        given().auth().oauth2("not-a-jwt").get("/agents").then().statusCode(401);
        given().auth().oauth2(TestTokens.agent("someone")).contentType(ContentType.JSON)
                .body(DirectoryTest.profile(DirectoryTest.newAgentId())).post("/agents").then().statusCode(403);
        given().auth().oauth2(TestTokens.supervisor()).get("/me/offers").then().statusCode(403);
    }

    @Test
    void healthMetricsAndOpenApiAreServed() {
        given().get("/q/health/ready").then().statusCode(200);
        Awaitility.await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
                given().get("/q/metrics").then().statusCode(200)
                        .body(org.hamcrest.Matchers.containsString(
                                "switchboard_agent_presence_agents{presence=\"available\"")));
        given().get("/q/openapi?format=json").then().statusCode(200)
                .body("paths", org.hamcrest.Matchers.hasKey("/me/conversations/{conversationKey}/replies"));
    }
}
