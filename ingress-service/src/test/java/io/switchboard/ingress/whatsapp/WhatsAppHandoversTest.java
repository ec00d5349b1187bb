package io.switchboard.ingress.whatsapp;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.time.Instant;
import java.util.Map;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.switchboard.events.Channel;
import io.switchboard.events.Customer;
import io.switchboard.events.RawRef;
import io.switchboard.events.ThreadControlPassed;
import io.switchboard.events.ThreadControlTaken;
import io.switchboard.events.Topics;
import io.switchboard.ingress.Webhooks;
import io.switchboard.ingress.normalize.Normalized;
import io.switchboard.ingress.normalize.WebhookContext;

/** {@link WhatsAppHandovers} through {@link WhatsAppNormalizer}: Conversation Routing's messaging_handovers. */
class WhatsAppHandoversTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Instant RECEIVED = Instant.parse("2026-12-06T10:00:00Z");
    private static final RawRef RAW = new RawRef(Topics.RAW_WEBHOOKS, 1, 99L);
    private static final WebhookContext CONTEXT = new WebhookContext("meta-app", RECEIVED, RAW);
    private static final String PNID = "106540352242922";
    private static final String KEY = "wa:106540352242922:16505551234";
    private static final Customer SHEENA = new Customer("16505551234", "Sheena Nelson", null, null,
            Map.of("wa_id", "16505551234"), Map.of());
    private static final String BSUID = "US.13491208655302741918";

    private final WhatsAppNormalizer normalizer = new WhatsAppNormalizer();

    @Test
    void controlPassedIsAThreadControlPassedOfTheCustomersConversation() {
        ThreadControlPassed passed = single(vector("wa_60_handover_control_passed_CONSTRUCTED.json"),
                ThreadControlPassed.class);

        assertThat(passed).isEqualTo(new ThreadControlPassed("wa:control_passed:" + PNID + ":16505551234:1765030000000",
                Channel.WHATSAPP, PNID, KEY, SHEENA, "ai_agent", "escalation_partner", "customer asked for a person",
                Instant.ofEpochSecond(1765030000L), RECEIVED, RAW));
    }

    @Test
    void controlTakenOfABsuidOnlyCustomerIsKeyedOnTheBsuid() {
        ThreadControlTaken taken = single(vector("wa_61_handover_control_taken_bsuid_CONSTRUCTED.json"),
                ThreadControlTaken.class);

        Customer customer = new Customer(BSUID, "Test Name", null, null, Map.of("bsuid", BSUID), Map.of());
        assertThat(taken).isEqualTo(new ThreadControlTaken("wa:control_taken:" + PNID + ":" + BSUID + ":1765030600000",
                Channel.WHATSAPP, PNID, "wa:" + PNID + ":" + BSUID, customer, "escalation_partner", "ai_agent", null,
                Instant.ofEpochSecond(1765030600L), RECEIVED, RAW));
    }

    @Test
    void aRedeliveryGivesTheSameEventId() {
        assertThat(vector("wa_60_handover_control_passed_CONSTRUCTED.json").events())
                .isEqualTo(vector("wa_60_handover_control_passed_CONSTRUCTED.json").events());
    }

    @Test
    void rolesGivenAsPlainStringsAndTheCustomerByPhoneAreRead() {
        Normalized normalized = inline("\"messaging_handovers\":[{\"from\":\"16505551234\",\"timestamp\":1765030000,"
                + "\"type\":\"control_taken\",\"control_taken\":{\"previous_owner\":\"ai_agent\","
                + "\"metadata\":\"escalated\"}}]");

        ThreadControlTaken taken = single(normalized, ThreadControlTaken.class);
        assertThat(taken.previousOwnerAppId()).isEqualTo("ai_agent");
        assertThat(taken.byAppId()).isNull();
        assertThat(taken.metadata()).isEqualTo("escalated");
        assertThat(taken.conversationKey()).isEqualTo(KEY);
    }

    @Test
    void aHandoverWithoutCustomerIsADeadLetterAndTheRestOfTheBatchGoesOn() {
        Normalized normalized = inline("\"messaging_handovers\":[{\"timestamp\":\"1765030000\",\"type\":\"control_passed\","
                + "\"control_passed\":{\"new_owner\":{\"role\":\"escalation_partner\"}}},"
                + "{\"from\":\"16505551234\",\"timestamp\":\"1765030001\",\"type\":\"control_passed\","
                + "\"control_passed\":{\"new_owner\":{\"role\":\"escalation_partner\"}}}]");

        assertThat(normalized.rejections()).singleElement()
                .satisfies(r -> assertThat(r.reason()).contains("messaging_handovers[0]").contains("no customer"));
        assertThat(normalized.events()).singleElement().isInstanceOf(ThreadControlPassed.class);
    }

    @Test
    void anUnknownTypeOrAPassWithoutNewOwnerIsADeadLetter() {
        assertThat(inline("\"from\":\"16505551234\",\"timestamp\":\"1765030000\",\"type\":\"control_requested\"")
                .rejections()).singleElement().satisfies(r -> assertThat(r.reason()).contains("control_requested"));
        assertThat(inline("\"from\":\"16505551234\",\"timestamp\":\"1765030000\",\"type\":\"control_passed\","
                + "\"control_passed\":{\"previous_owner\":{\"role\":\"ai_agent\"}}").rejections()).singleElement()
                .satisfies(r -> assertThat(r.reason()).contains("no new owner"));
    }

    private Normalized vector(String name) {
        try {
            return normalizer.normalize(JSON.readTree(Files.readAllBytes(Webhooks.vectors().resolve(name))), CONTEXT);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private Normalized inline(String valueMembers) {
        try {
            JsonNode body = JSON.readTree("{\"object\":\"whatsapp_business_account\",\"entry\":[{"
                    + "\"id\":\"102290129340398\",\"changes\":[{\"field\":\"messaging_handovers\",\"value\":{"
                    + "\"messaging_product\":\"whatsapp\",\"metadata\":{\"display_phone_number\":\"15550783881\","
                    + "\"phone_number_id\":\"" + PNID + "\"}," + valueMembers + "}}]}]}");
            return normalizer.normalize(body, CONTEXT);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static <T> T single(Normalized normalized, Class<T> type) {
        assertThat(normalized.rejections()).isEmpty();
        assertThat(normalized.events()).hasSize(1);
        return type.cast(normalized.events().get(0));
    }
}
