package io.switchboard.ingress.telegram;

import static io.switchboard.ingress.telegram.TelegramContent.join;
import static io.switchboard.ingress.telegram.TelegramContent.text;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;

import io.switchboard.events.Channel;
import io.switchboard.events.ChannelError;
import io.switchboard.events.ChannelErrorReported;
import io.switchboard.events.Customer;
import io.switchboard.events.MessageContent;
import io.switchboard.events.MessageEdited;
import io.switchboard.events.MessageReceived;
import io.switchboard.events.MessageType;
import io.switchboard.events.ReplyContext;
import io.switchboard.ingress.normalize.ChannelNormalizer;
import io.switchboard.ingress.normalize.Normalized;
import io.switchboard.ingress.normalize.WebhookContext;

/**
 * Normalizes one Telegram {@code Update} (docs/channels.md §5.3) of the bot the path named
 * ({@link WebhookContext#sourceId()}). The conversation is the chat: {@code tg:{botId}:{chat.id}} (a private chat's
 * id is the user's; a group is one shared conversation). The event id is {@code tg:{botId}:{update_id}}, so a
 * redelivered update is dropped by the dedupe.
 *
 * <ul>
 * <li>{@code message}: {@link MessageReceived} ({@link TelegramContent}).
 * <li>{@code edited_message}: {@link MessageEdited} of the same {@code message_id}.
 * <li>{@code callback_query} (an inline keyboard button pressed): {@link MessageReceived} of type
 * {@code button_reply}, the button's {@code callback_data} as payload, its label as text when the message it was
 * under still shows it, quoting that message.
 * <li>{@code my_chat_member} of a private chat whose new status is {@code kicked} (the user blocked the bot):
 * {@link ChannelErrorReported} on the conversation, code 403, as sending would answer. Unblocking is counted and
 * skipped: the user's next message reopens the conversation anyway.
 * </ul>
 * Every other update kind (channel posts, inline queries, reactions, polls …) is counted as ignored and stays in the
 * raw topic; it is not a dead letter. An update that is not an object, has no {@code update_id}, or a message without
 * a chat is one.
 */
public final class TelegramNormalizer implements ChannelNormalizer {

    private static final Channel CHANNEL = Channel.TELEGRAM;

    @Override
    public Normalized normalize(JsonNode update, WebhookContext context) {
        Normalized.Builder out = new Normalized.Builder();
        String botId = context.sourceId();
        if (update == null || !update.isObject()) {
            return out.reject("Telegram update is not a JSON object", String.valueOf(update)).build();
        }
        if (!update.path("update_id").canConvertToLong() || !update.path("update_id").isIntegralNumber()) {
            return out.reject("Telegram update without a numeric update_id", update.toString()).build();
        }
        if (botId == null) {
            return out.reject("Telegram update without the bot id of its webhook path", update.toString()).build();
        }
        String eventId = CHANNEL.prefix() + ":" + botId + ":" + update.get("update_id").asLong();
        Scope scope = new Scope(botId, eventId, context, out, update.toString());
        if (update.has("message")) {
            message(update.get("message"), scope);
        } else if (update.has("edited_message")) {
            edited(update.get("edited_message"), scope);
        } else if (update.has("callback_query")) {
            callback(update.get("callback_query"), scope);
        } else if (update.has("my_chat_member")) {
            memberChange(update.get("my_chat_member"), scope);
        } else {
            out.ignore("update:" + kind(update));
        }
        return out.build();
    }

    private static void message(JsonNode message, Scope scope) {
        String chatId = chatId(message);
        if (chatId == null) {
            scope.out.reject("message without chat.id", scope.fragment);
            return;
        }
        if (message.path("from").path("is_bot").asBoolean(false)) {
            // Another bot in a group (bots never see their own messages in updates).
            scope.out.ignore("message:from_bot");
            return;
        }
        scope.out.event(new MessageReceived(scope.eventId, CHANNEL, scope.botId, key(scope, chatId),
                customer(message.path("from"), message.path("chat"), chatId), text(message, "message_id"),
                seconds(message, "date", scope), scope.context.receivedAt(), TelegramContent.of(message),
                scope.context.raw()));
    }

    private static void edited(JsonNode message, Scope scope) {
        String chatId = chatId(message);
        if (chatId == null) {
            scope.out.reject("edited_message without chat.id", scope.fragment);
            return;
        }
        String messageId = text(message, "message_id");
        Instant editedAt = message.has("edit_date") ? seconds(message, "edit_date", scope)
                : seconds(message, "date", scope);
        scope.out.event(new MessageEdited(scope.eventId, CHANNEL, scope.botId, key(scope, chatId),
                customer(message.path("from"), message.path("chat"), chatId), messageId, messageId,
                TelegramContent.of(message), null, editedAt, scope.context.receivedAt(), scope.context.raw()));
    }

    private static void callback(JsonNode query, Scope scope) {
        JsonNode message = query.path("message");
        String chatId = chatId(message);
        if (chatId == null) {
            // A button under an inline-mode message (inline_message_id): no chat, so no conversation.
            scope.out.ignore("callback_query:inline");
            return;
        }
        String data = text(query, "data");
        ReplyContext quoted = message.hasNonNull("message_id") ? ReplyContext.quoting(text(message, "message_id"))
                : null;
        MessageContent content = new MessageContent(MessageType.BUTTON_REPLY, buttonText(message, data), data, null,
                null, null, null, quoted, null, null);
        // A callback has no date of its own: the time we received it.
        scope.out.event(new MessageReceived(scope.eventId, CHANNEL, scope.botId, key(scope, chatId),
                customer(query.path("from"), message.path("chat"), chatId), "callback:" + text(query, "id"),
                scope.context.receivedAt(), scope.context.receivedAt(), content, scope.context.raw()));
    }

    private static void memberChange(JsonNode change, Scope scope) {
        String chatId = chatId(change);
        String status = text(change.path("new_chat_member"), "status");
        if (chatId == null || !"private".equals(text(change.path("chat"), "type"))) {
            scope.out.ignore("my_chat_member:group");
            return;
        }
        if (!"kicked".equals(status)) {
            scope.out.ignore("my_chat_member:" + status);
            return;
        }
        scope.out.event(new ChannelErrorReported(scope.eventId, CHANNEL, scope.botId, key(scope, chatId),
                List.of(new ChannelError(403, null, "bot_blocked", "The customer blocked the bot: nothing can be "
                        + "sent to them until they unblock it", null, null)),
                seconds(change, "date", scope), scope.context.receivedAt(), scope.context.raw()));
    }

    /** The label of the inline keyboard button whose {@code callback_data} is {@code data}, when still shown. */
    private static String buttonText(JsonNode message, String data) {
        for (JsonNode row : message.path("reply_markup").path("inline_keyboard")) {
            for (JsonNode button : row) {
                if (data != null && data.equals(text(button, "callback_data"))) {
                    return text(button, "text");
                }
            }
        }
        return null;
    }

    /**
     * The customer: who wrote ({@code from}) in the chat the conversation is keyed on. Identities: the user id and
     * the chat id (equal in a private chat); the chat's type and a group's title are attributes.
     */
    private static Customer customer(JsonNode from, JsonNode chat, String chatId) {
        Map<String, String> identities = new LinkedHashMap<>();
        String userId = text(from, "id");
        if (userId != null) {
            identities.put("telegram_user_id", userId);
        }
        identities.put("telegram_chat_id", chatId);
        Map<String, String> attributes = new LinkedHashMap<>();
        putIfPresent(attributes, "chat_type", text(chat, "type"));
        putIfPresent(attributes, "chat_title", text(chat, "title"));
        return new Customer(chatId, join(text(from, "first_name"), text(from, "last_name")), text(from, "username"),
                text(from, "language_code"), identities, attributes);
    }

    private static void putIfPresent(Map<String, String> map, String key, String value) {
        if (value != null) {
            map.put(key, value);
        }
    }

    private static String chatId(JsonNode node) {
        JsonNode id = node.path("chat").path("id");
        return id.isIntegralNumber() ? id.asText() : null;
    }

    private static String key(Scope scope, String chatId) {
        return CHANNEL.conversationKey(scope.botId, chatId);
    }

    /** Unix seconds; without them the time we received the update. */
    private static Instant seconds(JsonNode node, String field, Scope scope) {
        JsonNode value = node.path(field);
        return value.isIntegralNumber() ? Instant.ofEpochSecond(value.asLong()) : scope.context.receivedAt();
    }

    private static String kind(JsonNode update) {
        var fields = update.fieldNames();
        while (fields.hasNext()) {
            String field = fields.next();
            if (!"update_id".equals(field)) {
                return field.length() > 64 ? field.substring(0, 64) : field;
            }
        }
        return "empty";
    }

    private record Scope(String botId, String eventId, WebhookContext context, Normalized.Builder out,
            String fragment) {
    }
}
