package io.switchboard.outbound.channel.whatsapp;

import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.databind.JsonNode;

import io.switchboard.events.Channel;
import io.switchboard.events.ReplyRequested;
import io.switchboard.outbound.channel.ChannelSender;
import io.switchboard.outbound.channel.ErrorTable;
import io.switchboard.outbound.channel.GraphCall;
import io.switchboard.outbound.channel.HttpClients;
import io.switchboard.outbound.channel.SendOutcome;
import io.switchboard.outbound.channel.SendPolicy;
import io.switchboard.outbound.config.OutboundConfig;

/** WhatsApp Cloud API: {@code POST {base}/{version}/{phone-number-id}/messages} with the account's bearer token. */
@ApplicationScoped
public class WhatsAppSender implements ChannelSender {

    private final HttpClients http;

    public WhatsAppSender(HttpClients http) {
        this.http = http;
    }

    @Override
    public Set<Channel> channels() {
        return Set.of(Channel.WHATSAPP);
    }

    @Override
    public String unsupported(ReplyRequested command) {
        return WhatsAppPayloads.unsupported(command);
    }

    @Override
    public SendOutcome send(OutboundConfig.Account account, ReplyRequested command, SendPolicy policy) {
        return GraphCall.post(http, account, account.node().orElse(command.channelAccountId()),
                WhatsAppPayloads.body(command), WhatsAppSender::messageId, (code, subcode, status) -> ErrorTable.whatsapp(code, status));
    }

    /** {@code messages[0].id} (the wamid); mark-read answers {@code {"success":true}} without one. */
    private static String messageId(JsonNode answer) {
        JsonNode id = answer.path("messages").path(0).path("id");
        return id.isTextual() ? id.asText() : null;
    }
}
