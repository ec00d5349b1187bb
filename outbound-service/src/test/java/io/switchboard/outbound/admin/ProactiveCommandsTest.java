package io.switchboard.outbound.admin;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.switchboard.events.Channel;
import io.switchboard.events.ReplyContent;
import io.switchboard.events.ReplyKind;
import io.switchboard.events.ReplyRequested;

class ProactiveCommandsTest {

    private static final ReplyContent.Template TEMPLATE = new ReplyContent.Template("order_update", "en_US", List.of(
            new ReplyContent.Template.Component("body", null, null,
                    List.of(new ReplyContent.Template.Parameter("text", "Ada", null, null)))));

    @Test
    void aPhoneRecipientIsKeyedOnItsDigits() {
        ProactiveMessage message = new ProactiveMessage("106540352242922",
                new ProactiveMessage.Recipient("+15551234567", null), TEMPLATE, null);

        assertThat(ProactiveCommands.invalid(message)).isNull();
        ReplyRequested command = ProactiveCommands.command(message, "key-1", Instant.EPOCH);

        assertThat(command.eventId()).isEqualTo("proactive:106540352242922:key-1");
        assertThat(command.conversationKey()).isEqualTo("wa:106540352242922:15551234567");
        assertThat(command.channel()).isEqualTo(Channel.WHATSAPP);
        assertThat(command.recipient()).isEqualTo(new ReplyRequested.Recipient("15551234567", "15551234567", null,
                null));
        assertThat(command.content().kind()).isEqualTo(ReplyKind.TEMPLATE);
        assertThat(command.content().template()).isEqualTo(TEMPLATE);
        assertThat(command.agentId()).isNull();
    }

    @Test
    void aCustomerWhoWithheldTheNumberIsReachedByBsuid() {
        ProactiveMessage message = new ProactiveMessage("106540352242922",
                new ProactiveMessage.Recipient(null, "US.13491208655302741918"), TEMPLATE, null);

        assertThat(ProactiveCommands.invalid(message)).isNull();
        ReplyRequested command = ProactiveCommands.command(message, "key-2", Instant.EPOCH);

        assertThat(command.conversationKey()).isEqualTo("wa:106540352242922:US.13491208655302741918");
        assertThat(command.recipient().bsuid()).isEqualTo("US.13491208655302741918");
        assertThat(command.recipient().phone()).isNull();
    }

    @Test
    void freeTextAndMissingPartsAreRefusedWithTheReason() {
        ProactiveMessage.Recipient phone = new ProactiveMessage.Recipient("15551234567", null);
        assertThat(ProactiveCommands.invalid(new ProactiveMessage("1065", phone, null, "Hello!")))
                .contains("approved templates only");
        assertThat(ProactiveCommands.invalid(new ProactiveMessage("1065", phone, null, null)))
                .contains("template is required");
        assertThat(ProactiveCommands.invalid(new ProactiveMessage(null, phone, TEMPLATE, null)))
                .contains("channelAccountId");
        assertThat(ProactiveCommands.invalid(new ProactiveMessage("1065", new ProactiveMessage.Recipient("12", null),
                TEMPLATE, null))).contains("recipient.phone");
        assertThat(ProactiveCommands.invalid(new ProactiveMessage("1065", phone, new ReplyContent.Template(
                "order_update", "English", List.of()), null))).contains("template.language");
        assertThat(ProactiveCommands.invalid(new ProactiveMessage("1065", phone, new ReplyContent.Template(
                "order_update", "en", List.of(new ReplyContent.Template.Component("header", null, null, List.of(
                        new ReplyContent.Template.Parameter("image", null, null, "http://cdn.example/a.jpg"))))),
                null))).contains("https URL");
        assertThat(ProactiveCommands.invalid(null)).contains("JSON body");
    }

    @Test
    void theIdempotencyKeyIsRequiredAndBounded() {
        assertThat(ProactiveCommands.invalidIdempotencyKey(null)).contains("required");
        assertThat(ProactiveCommands.invalidIdempotencyKey("has space")).contains("visible ASCII");
        assertThat(ProactiveCommands.invalidIdempotencyKey("x".repeat(201))).isNotNull();
        assertThat(ProactiveCommands.invalidIdempotencyKey("2f1c-order-5521-delay")).isNull();
    }
}
