package io.switchboard.outbound;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static io.switchboard.testing.KafkaTestClient.header;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import com.github.tomakehurst.wiremock.verification.LoggedRequest;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.switchboard.events.Channel;
import io.switchboard.events.ContactIdentityChanged;
import io.switchboard.events.Customer;
import io.switchboard.events.DeliveryAccepted;
import io.switchboard.events.DeliveryFailed;
import io.switchboard.events.FailureCategory;
import io.switchboard.events.RawRef;
import io.switchboard.events.ReplyContent;
import io.switchboard.events.ReplyRequested;
import io.switchboard.events.Topics;
import io.switchboard.testing.KafkaResource;
import io.switchboard.testing.PostgresResource;

/**
 * The Cloud API addresses a customer by phone ({@code to}) or, for one who withheld it, by business-scoped user id
 * ({@code recipient}); a Graph API stand-in (WireMock) checks which one each command's request names.
 */
@QuarkusTest
@QuarkusTestResource(value = KafkaResource.class, initArgs = @ResourceArg(name = KafkaResource.TOPICS_ARG,
        value = "switchboard.outbound.v1:3,switchboard.outbound-results.v1:3,switchboard.outbound.dead-letter.v1:1,"
                + "switchboard.inbound.v1:3,switchboard.status.v1:3"))
@QuarkusTestResource(PostgresResource.class)
@QuarkusTestResource(WireMockResource.class)
class WhatsAppAddressingTest extends OutboundTestBase {

    private static final String ACCOUNT = WireMockResource.WHATSAPP_ACCOUNT;

    @Test
    void aCustomerKnownOnlyByBsuidIsAddressedAsRecipientWithoutTo() {
        String bsuid = bsuid();
        customerWrote(Channel.WHATSAPP, ACCOUNT, bsuid, Instant.now());
        wireMock.stubFor(post(urlEqualTo(GRAPH_WA)).withRequestBody(matchingJsonPath("$.recipient", equalTo(bsuid)))
                .willReturn(okJson(WhatsAppDeliveryTest.accepted("wamid.BSUID1"))));
        ReplyRequested command = command(bsuid, new ReplyRequested.Recipient(bsuid, null, bsuid, null));

        Events.send(kafka, command);

        DeliveryAccepted accepted = (DeliveryAccepted) Events.read(Events.results(kafka, command.eventId(), 1).get(0));
        assertThat(accepted.channelMessageId()).isEqualTo("wamid.BSUID1");
        List<LoggedRequest> requests = sent("$.recipient", bsuid);
        assertThat(requests).hasSize(1);
        assertThat(requests.get(0).getBodyAsString()).isEqualTo("{\"messaging_product\":\"whatsapp\","
                + "\"recipient_type\":\"individual\",\"recipient\":\"" + bsuid + "\",\"type\":\"text\","
                + "\"text\":{\"preview_url\":false,\"body\":\"Hello by id\"}}");
    }

    @Test
    void aConversationKeyedOnABsuidWithoutTheIdsSpelledOutIsStillAddressedByRecipient() {
        // As agent-service derives the recipient from the conversation key alone.
        String bsuid = bsuid();
        customerWrote(Channel.WHATSAPP, ACCOUNT, bsuid, Instant.now());
        wireMock.stubFor(post(urlEqualTo(GRAPH_WA)).withRequestBody(matchingJsonPath("$.recipient", equalTo(bsuid)))
                .willReturn(okJson(WhatsAppDeliveryTest.accepted("wamid.BSUID2"))));
        ReplyRequested command = command(bsuid, new ReplyRequested.Recipient(bsuid, null, null, null));

        Events.send(kafka, command);

        assertThat(Events.read(Events.results(kafka, command.eventId(), 1).get(0))).isInstanceOf(DeliveryAccepted.class);
        assertThat(sent("$.recipient", bsuid)).singleElement()
                .satisfies(request -> assertThat(request.getBodyAsString()).doesNotContain("\"to\""));
    }

    @Test
    void aKnownPhoneIsPreferredToTheBsuid() {
        String bsuid = bsuid();
        String phone = Events.phone();
        customerWrote(Channel.WHATSAPP, ACCOUNT, bsuid, Instant.now());
        wireMock.stubFor(post(urlEqualTo(GRAPH_WA)).withRequestBody(matchingJsonPath("$.to", equalTo("+" + phone)))
                .willReturn(okJson(WhatsAppDeliveryTest.accepted("wamid.PHONE1"))));
        ReplyRequested command = command(bsuid, new ReplyRequested.Recipient(bsuid, phone, bsuid, null));

        Events.send(kafka, command);

        assertThat(Events.read(Events.results(kafka, command.eventId(), 1).get(0))).isInstanceOf(DeliveryAccepted.class);
        assertThat(sent("$.to", "+" + phone)).singleElement()
                .satisfies(request -> assertThat(request.getBodyAsString()).doesNotContain("\"recipient\""));
    }

    @Test
    void aBsuidTheChannelCannotReachFailsPermanentlyAsAnInvalidRequest() {
        String bsuid = bsuid();
        customerWrote(Channel.WHATSAPP, ACCOUNT, bsuid, Instant.now());
        wireMock.stubFor(post(urlEqualTo(GRAPH_WA)).withRequestBody(matchingJsonPath("$.recipient", equalTo(bsuid)))
                .willReturn(aResponse().withStatus(400).withHeader("Content-Type", "application/json")
                        .withBody(WhatsAppDeliveryTest.graphError(131062, "Business-scoped user ID not supported"))));
        ReplyRequested command = command(bsuid, new ReplyRequested.Recipient(bsuid, null, bsuid, null));

        Events.send(kafka, command);

        DeliveryFailed failed = (DeliveryFailed) Events.read(Events.results(kafka, command.eventId(), 1).get(0));
        assertThat(failed.code()).isEqualTo(131062);
        assertThat(failed.permanent()).isTrue();
        assertThat(failed.category()).isEqualTo(FailureCategory.INVALID_REQUEST);
        assertThat(kafka.awaitRecords(Topics.OUTBOUND_DEAD_LETTER, 1,
                record -> command.eventId().equals(header(record, "ce_id")))).hasSize(1);
        assertThat(sent("$.recipient", bsuid)).hasSize(1);
    }

    @Test
    void theWindowFollowsTheCustomersNewIdentity() {
        // Given the customer wrote from their old number, then WhatsApp announced their new business-scoped id
        String phone = Events.phone();
        String bsuid = bsuid();
        customerWrote(Channel.WHATSAPP, ACCOUNT, phone, Instant.now());
        Events.send(kafka, new ContactIdentityChanged("wa:wamid." + UUID.randomUUID(), Channel.WHATSAPP, ACCOUNT,
                Channel.WHATSAPP.conversationKey(ACCOUNT, bsuid), Customer.of(phone, Map.of("wa_id", phone)),
                "wamid.CHANGE", "user_changed_user_id", Map.of("bsuid", bsuid), "changed", Instant.now(),
                Instant.now(), new RawRef(Topics.RAW_WEBHOOKS, 0, 0), Channel.WHATSAPP.conversationKey(ACCOUNT, phone)));
        wireMock.stubFor(post(urlEqualTo(GRAPH_WA)).withRequestBody(matchingJsonPath("$.recipient", equalTo(bsuid)))
                .willReturn(okJson(WhatsAppDeliveryTest.accepted("wamid.AFTER1"))));

        // When the agent answers under the new key before the customer writes again
        ReplyRequested command = command(bsuid, new ReplyRequested.Recipient(bsuid, null, bsuid, null));
        Events.send(kafka, command);

        // Then the reply goes out as free text: the window the old key had is the new key's
        assertThat(Events.read(Events.results(kafka, command.eventId(), 1).get(0))).isInstanceOf(DeliveryAccepted.class);
        assertThat(sent("$.recipient", bsuid)).hasSize(1);
    }

    private static ReplyRequested command(String user, ReplyRequested.Recipient recipient) {
        return new ReplyRequested(Events.id(), Channel.WHATSAPP, ACCOUNT, Channel.WHATSAPP.conversationKey(ACCOUNT, user),
                recipient, "agent-7", "Grace H.", ReplyContent.text("Hello by id"), Instant.now());
    }

    private List<LoggedRequest> sent(String path, String value) {
        return wireMock.findAll(postRequestedFor(urlEqualTo(GRAPH_WA)).withRequestBody(matchingJsonPath(path,
                equalTo(value))));
    }

    private static String bsuid() {
        return "US." + Math.abs(UUID.randomUUID().getMostSignificantBits() % 1_000_000_000_000L);
    }
}
