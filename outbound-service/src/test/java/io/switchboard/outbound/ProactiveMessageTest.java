package io.switchboard.outbound;

import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static io.restassured.RestAssured.given;
import static io.switchboard.testing.KafkaTestClient.header;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.is;

import java.util.List;
import java.util.UUID;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

import com.github.tomakehurst.wiremock.verification.LoggedRequest;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.switchboard.events.DeliveryAccepted;
import io.switchboard.events.ReplyKind;
import io.switchboard.events.ReplyRequested;
import io.switchboard.events.Topics;
import io.switchboard.testing.KafkaResource;
import io.switchboard.testing.PostgresResource;
import io.switchboard.testing.auth.TestTokens;

@QuarkusTest
@QuarkusTestResource(value = KafkaResource.class, initArgs = @ResourceArg(name = KafkaResource.TOPICS_ARG,
        value = "switchboard.outbound.v1:3,switchboard.outbound-results.v1:3,switchboard.outbound.dead-letter.v1:1,"
                + "switchboard.inbound.v1:3,switchboard.status.v1:3"))
@QuarkusTestResource(PostgresResource.class)
@QuarkusTestResource(WireMockResource.class)
class ProactiveMessageTest extends OutboundTestBase {

    private static final String PATH = "/admin/proactive-messages";
    private static final String TOKEN = TestTokens.integration();

    private static String message(String phone) {
        return "{\"channelAccountId\":\"" + WireMockResource.WHATSAPP_ACCOUNT + "\","
                + "\"recipient\":{\"phone\":\"+" + phone + "\"},"
                + "\"template\":{\"name\":\"delivery_delay\",\"language\":\"en_US\",\"components\":["
                + "{\"type\":\"body\",\"parameters\":[{\"type\":\"text\",\"text\":\"Ada\"},"
                + "{\"type\":\"text\",\"text\":\"#5521\"}]},"
                + "{\"type\":\"button\",\"subType\":\"url\",\"index\":0,\"parameters\":["
                + "{\"type\":\"text\",\"text\":\"5521\"}]}]}}";
    }

    private void stubAccepted(String phone, String wamid) {
        wireMock.stubFor(post(urlEqualTo(GRAPH_WA)).withRequestBody(matchingJsonPath("$.to", equalTo("+" + phone)))
                .willReturn(okJson(WhatsAppDeliveryTest.accepted(wamid))));
    }

    private List<LoggedRequest> sentTo(String phone) {
        return wireMock.findAll(postRequestedFor(urlEqualTo(GRAPH_WA))
                .withRequestBody(matchingJsonPath("$.to", equalTo("+" + phone))));
    }

    @Test
    void aTemplateToACustomerWithoutAConversationIsPublishedSentAndAccepted() {
        String phone = Events.phone();
        stubAccepted(phone, "wamid.PROACTIVE1");
        String key = UUID.randomUUID().toString();
        String commandId = "proactive:" + WireMockResource.WHATSAPP_ACCOUNT + ":" + key;
        String conversationKey = "wa:" + WireMockResource.WHATSAPP_ACCOUNT + ":" + phone;

        given().auth().oauth2(TOKEN).header("Idempotency-Key", key).contentType(ContentType.JSON)
                .body(message(phone))
                .when().post(PATH)
                .then().statusCode(202)
                .body("commandId", is(commandId)).body("conversationKey", is(conversationKey));

        ConsumerRecord<String, byte[]> published = kafka.awaitRecords(Topics.OUTBOUND, 1,
                record -> commandId.equals(header(record, "ce_id"))).get(0);
        // Keyed by the sending account (one partition, one owner per sender); the subject is the conversation.
        assertThat(published.key()).isEqualTo("whatsapp:" + WireMockResource.WHATSAPP_ACCOUNT);
        assertThat(header(published, "ce_subject")).isEqualTo(conversationKey);
        assertThat(header(published, "ce_type")).isEqualTo("switchboard.reply.requested");
        ReplyRequested command = (ReplyRequested) Events.read(published);
        assertThat(command.content().kind()).isEqualTo(ReplyKind.TEMPLATE);
        assertThat(command.agentId()).isNull();
        assertThat(command.recipient().phone()).isEqualTo(phone);

        DeliveryAccepted accepted = (DeliveryAccepted) Events.read(Events.results(kafka, commandId, 1).get(0));
        assertThat(accepted.channelMessageId()).isEqualTo("wamid.PROACTIVE1");
        assertThat(accepted.conversationKey()).isEqualTo(conversationKey);
        List<LoggedRequest> requests = sentTo(phone);
        assertThat(requests).hasSize(1);
        assertThat(requests.get(0).getHeader("Authorization")).isEqualTo("Bearer wa-test-token");
        assertThat(requests.get(0).getBodyAsString()).isEqualTo("{\"messaging_product\":\"whatsapp\","
                + "\"recipient_type\":\"individual\",\"to\":\"+" + phone + "\",\"type\":\"template\","
                + "\"template\":{\"name\":\"delivery_delay\",\"language\":{\"code\":\"en_US\",\"policy\":"
                + "\"deterministic\"},\"components\":[{\"type\":\"body\",\"parameters\":[{\"type\":\"text\","
                + "\"text\":\"Ada\"},{\"type\":\"text\",\"text\":\"#5521\"}]},{\"type\":\"button\",\"sub_type\":"
                + "\"url\",\"index\":\"0\",\"parameters\":[{\"type\":\"text\",\"text\":\"5521\"}]}]}}");
    }

    @Test
    void theSameIdempotencyKeyTwiceSendsOnce() {
        String phone = Events.phone();
        stubAccepted(phone, "wamid.PROACTIVE2");
        String key = UUID.randomUUID().toString();
        String commandId = "proactive:" + WireMockResource.WHATSAPP_ACCOUNT + ":" + key;

        for (int i = 0; i < 2; i++) {
            given().auth().oauth2(TOKEN).header("Idempotency-Key", key).contentType(ContentType.JSON)
                    .body(message(phone))
                    .when().post(PATH)
                    .then().statusCode(202).body("commandId", is(commandId));
        }

        // Two commands, two results (the second the first's, published again with the same ce_id), one send.
        List<ConsumerRecord<String, byte[]>> results = Events.results(kafka, commandId, 2);
        assertThat(results).extracting(record -> header(record, "ce_id")).containsOnly(commandId + ":accepted");
        assertThat(sentTo(phone)).hasSize(1);
        assertThat(deliveryState(commandId)).isEqualTo("SENT");
    }

    @Test
    void withoutABearerTokenOfAdminOrIntegrationItIsRefused() {
        String phone = Events.phone();
        given().header("Idempotency-Key", "k-1").contentType(ContentType.JSON).body(message(phone))
                .when().post(PATH)
                .then().statusCode(401);
        given().auth().oauth2("guess").header("Idempotency-Key", "k-1").contentType(ContentType.JSON)
                .body(message(phone))
                .when().post(PATH)
                .then().statusCode(401);
        given().auth().oauth2(TestTokens.supervisor()).header("Idempotency-Key", "k-1").contentType(ContentType.JSON)
                .body(message(phone))
                .when().post(PATH)
                .then().statusCode(403);
        assertThat(sentTo(phone)).isEmpty();
    }

    @Test
    void invalidRequestsAreRefusedWithTheReason() {
        String phone = Events.phone();
        given().auth().oauth2(TOKEN).contentType(ContentType.JSON).body(message(phone))
                .when().post(PATH)
                .then().statusCode(400).body("error", org.hamcrest.Matchers.is("invalid_request"))
                .body("message", containsString("Idempotency-Key header is required"));
        // Not JSON at all: messaging's ErrorMappers answer in the same body (docs/http-errors.md).
        given().auth().oauth2(TOKEN).header("Idempotency-Key", "k-malformed").contentType(ContentType.JSON)
                .body("{\"channelAccountId\": ").when().post(PATH)
                .then().statusCode(400).body("error", org.hamcrest.Matchers.is("malformed_json"));
        refused("{\"channelAccountId\":\"" + WireMockResource.WHATSAPP_ACCOUNT + "\",\"recipient\":{\"phone\":\"+"
                + phone + "\"},\"text\":\"Hi, we have news!\"}", "approved templates only");
        refused(message(phone).replace(WireMockResource.WHATSAPP_ACCOUNT, "999"),
                "999 is not a configured WhatsApp phone number id");
        refused(message(phone).replace(WireMockResource.WHATSAPP_ACCOUNT, WireMockResource.MESSENGER_PAGE),
                "not a configured WhatsApp phone number id");
        refused(message(phone).replace("+" + phone, "call me"), "recipient.phone must be an international number");
        refused(message(phone).replace("\"phone\":\"+" + phone + "\"", "\"email\":\"ada@example.com\""),
                "recipient.phone or recipient.bsuid is required");
        refused(message(phone).replace("delivery_delay", "Delivery Delay"), "template.name");
        refused(message(phone).replace("\"subType\":\"url\",", ""), "template.components[1].subType");
        refused(message(phone).replace("\"text\":\"Ada\"", "\"text\":\"\""),
                "template.components[0].parameters[0].text is required");
        assertThat(sentTo(phone)).isEmpty();
    }

    private static void refused(String body, String reason) {
        given().auth().oauth2(TOKEN).header("Idempotency-Key", UUID.randomUUID().toString())
                .contentType(ContentType.JSON).body(body)
                .when().post(PATH)
                .then().statusCode(400).body("error", org.hamcrest.Matchers.is("invalid_request"))
                .body("message", containsString(reason)).body("violations", org.hamcrest.Matchers.empty());
    }

    @Test
    void theOpenApiDocumentDescribesTheEndpoint() {
        given().queryParam("format", "json").when().get("/q/openapi")
                .then().statusCode(200)
                .body("paths.'/admin/proactive-messages'.post.responses.'202'", org.hamcrest.Matchers.notNullValue())
                .body("paths.'/admin/proactive-messages'.post.responses.'503'.headers.'Retry-After'",
                        org.hamcrest.Matchers.notNullValue())
                .body("components.securitySchemes.jwt.scheme", is("bearer"))
                .body("paths.'/admin/proactive-messages'.post.security[0].jwt", org.hamcrest.Matchers.notNullValue());
    }
}
