package io.switchboard.outbound.channel.whatsapp;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.switchboard.events.Channel;
import io.switchboard.events.ReplyContent;
import io.switchboard.events.ReplyKind;
import io.switchboard.events.ReplyRequested;

/** The bodies docs/channels.md §2.6 documents, byte for byte as built. */
class WhatsAppPayloadsTest {

    private static ReplyRequested command(ReplyRequested.Recipient recipient, ReplyContent content) {
        return new ReplyRequested("cmd-1", Channel.WHATSAPP, "106540352242922", "wa:106540352242922:x", recipient,
                "agent-7", null, content, Instant.parse("2026-11-25T10:00:00Z"));
    }

    private static final ReplyRequested.Recipient PHONE = new ReplyRequested.Recipient("16505551234", "16505551234",
            null, null);

    @Test
    void markAsReadNeedsNoRecipientAndNoType() {
        String body = WhatsAppPayloads.body(command(PHONE,
                new ReplyContent(ReplyKind.MARK_READ, null, null, null, null, null, "wamid.IN1")));
        assertThat(body).isEqualTo("{\"messaging_product\":\"whatsapp\",\"status\":\"read\",\"message_id\":\"wamid.IN1\"}");
    }

    @Test
    void reactionTargetsTheCustomersMessage() {
        String body = WhatsAppPayloads.body(command(PHONE,
                new ReplyContent(ReplyKind.REACTION, null, null, null, null, "\uD83D\uDE00", "wamid.IN2")));
        assertThat(body).isEqualTo("{\"messaging_product\":\"whatsapp\",\"recipient_type\":\"individual\","
                + "\"to\":\"+16505551234\",\"type\":\"reaction\",\"reaction\":{\"message_id\":\"wamid.IN2\","
                + "\"emoji\":\"\uD83D\uDE00\"}}");
    }

    @Test
    void aCustomerWithoutPhoneIsAddressedByBusinessScopedUserId() {
        ReplyRequested.Recipient bsuid = new ReplyRequested.Recipient("US.13491208655302741918", null,
                "US.13491208655302741918", null);
        String body = WhatsAppPayloads.body(command(bsuid, ReplyContent.text("hi")));
        assertThat(body).isEqualTo("{\"messaging_product\":\"whatsapp\",\"recipient_type\":\"individual\","
                + "\"recipient\":\"US.13491208655302741918\",\"type\":\"text\",\"text\":{\"preview_url\":false,"
                + "\"body\":\"hi\"}}");
    }

    @Test
    void listHasSectionsAndRows() {
        ReplyContent.Interactive list = new ReplyContent.Interactive("list", "Shipping", null, "Shipping Options", null,
                List.of(new ReplyContent.Interactive.Section("I want it ASAP!", List.of(
                        new ReplyContent.Interactive.Choice("priority_express", "Priority Mail Express",
                                "Next Day to 2 Days")))));
        String body = WhatsAppPayloads.body(command(PHONE,
                new ReplyContent(ReplyKind.INTERACTIVE, "Which option?", null, null, list, null, null)));
        assertThat(body).isEqualTo("{\"messaging_product\":\"whatsapp\",\"recipient_type\":\"individual\","
                + "\"to\":\"+16505551234\",\"type\":\"interactive\",\"interactive\":{\"type\":\"list\","
                + "\"header\":{\"type\":\"text\",\"text\":\"Shipping\"},\"body\":{\"text\":\"Which option?\"},"
                + "\"action\":{\"button\":\"Shipping Options\",\"sections\":[{\"title\":\"I want it ASAP!\","
                + "\"rows\":[{\"id\":\"priority_express\",\"title\":\"Priority Mail Express\","
                + "\"description\":\"Next Day to 2 Days\"}]}]}}}");
    }

    @Test
    void stickersCarryNoCaption() {
        String body = WhatsAppPayloads.body(command(PHONE, new ReplyContent(ReplyKind.MEDIA, null,
                new ReplyContent.Media("sticker", "https://cdn.example/s.webp", "ignored", null), null, null, null,
                null)));
        assertThat(body).isEqualTo("{\"messaging_product\":\"whatsapp\",\"recipient_type\":\"individual\","
                + "\"to\":\"+16505551234\",\"type\":\"sticker\",\"sticker\":{\"link\":\"https://cdn.example/s.webp\"}}");
    }

    @Test
    void contentTheApiWouldRefuseIsCaughtBeforeSending() {
        assertThat(WhatsAppPayloads.unsupported(command(PHONE, new ReplyContent(ReplyKind.MEDIA, null,
                new ReplyContent.Media("gif", "https://cdn.example/a.gif", null, null), null, null, null, null))))
                .contains("Media needs");
        assertThat(WhatsAppPayloads.unsupported(command(PHONE,
                new ReplyContent(ReplyKind.REACTION, null, null, null, null, "x", null)))).isNotNull();
        assertThat(WhatsAppPayloads.unsupported(command(PHONE, ReplyContent.text("ok")))).isNull();
    }
}
