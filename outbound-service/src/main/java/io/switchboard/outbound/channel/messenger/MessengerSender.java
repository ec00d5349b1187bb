package io.switchboard.outbound.channel.messenger;

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

/**
 * Messenger and Instagram Send API: {@code POST {base}/{version}/{page-or-ig-id}/messages} with the Page (or
 * Instagram) token as bearer. Instagram with Instagram Login only differs by base URL
 * ({@code https://graph.instagram.com}), which is per account configuration.
 */
@ApplicationScoped
public class MessengerSender implements ChannelSender {

    private final HttpClients http;

    public MessengerSender(HttpClients http) {
        this.http = http;
    }

    @Override
    public Set<Channel> channels() {
        return Set.of(Channel.MESSENGER, Channel.INSTAGRAM);
    }

    @Override
    public String unsupported(ReplyRequested command) {
        return MessengerPayloads.unsupported(command);
    }

    @Override
    public SendOutcome send(OutboundConfig.Account account, ReplyRequested command, SendPolicy policy) {
        return GraphCall.post(http, account, account.node().orElse(command.channelAccountId()),
                MessengerPayloads.body(command, policy), MessengerSender::messageId, ErrorTable::graph);
    }

    /** {@code message_id}; sender actions answer without one. */
    private static String messageId(JsonNode answer) {
        JsonNode id = answer.path("message_id");
        return id.isTextual() ? id.asText() : null;
    }
}
