package io.switchboard.ingress.whatsapp;

import static io.switchboard.ingress.whatsapp.WhatsAppJson.array;
import static io.switchboard.ingress.whatsapp.WhatsAppJson.decimal;
import static io.switchboard.ingress.whatsapp.WhatsAppJson.doubleValue;
import static io.switchboard.ingress.whatsapp.WhatsAppJson.firstNonNull;
import static io.switchboard.ingress.whatsapp.WhatsAppJson.fragment;
import static io.switchboard.ingress.whatsapp.WhatsAppJson.intValue;
import static io.switchboard.ingress.whatsapp.WhatsAppJson.json;
import static io.switchboard.ingress.whatsapp.WhatsAppJson.longValue;
import static io.switchboard.ingress.whatsapp.WhatsAppJson.nonBlank;
import static io.switchboard.ingress.whatsapp.WhatsAppJson.nullToEmpty;
import static io.switchboard.ingress.whatsapp.WhatsAppJson.text;
import static io.switchboard.ingress.whatsapp.WhatsAppJson.values;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import com.fasterxml.jackson.databind.JsonNode;

import io.switchboard.events.ChannelError;
import io.switchboard.events.Location;
import io.switchboard.events.MediaRef;
import io.switchboard.events.MessageContent;
import io.switchboard.events.MessageType;
import io.switchboard.events.Order;
import io.switchboard.events.ReplyContext;
import io.switchboard.events.Referral;
import io.switchboard.events.SharedContact;

/**
 * The content of a WhatsApp message (per {@code type}: text, media, location, contacts, interactive replies, template
 * buttons, orders …) with its reply context, referral and errors; and the channel errors statuses and changes carry.
 */
final class WhatsAppContent {

    private WhatsAppContent() {
    }

    /**
     * Content from {@code typed} (the object holding {@code type} and its body) and {@code siblings} (the message
     * holding {@code context}, {@code referral} and {@code errors}); they differ only for an edit's inner message.
     */
    static MessageContent content(JsonNode typed, JsonNode siblings) {
        Body body = body(nullToEmpty(text(typed, "type")), typed);
        return new MessageContent(body.type(), body.text(), body.payload(), body.media(), body.location(),
                body.contacts(), body.order(), replyContext(siblings.path("context")),
                referral(siblings.path("referral")), errors(siblings.path("errors")));
    }

    private static Body body(String type, JsonNode message) {
        JsonNode node = message.path(type);
        switch (type) {
            case "text":
                return Body.of(MessageType.TEXT, text(node, "body"), null);
            case "image":
            case "video":
            case "audio":
            case "document":
            case "sticker":
                return media(type, node);
            case "location":
                return new Body(MessageType.LOCATION, null, null, List.of(), location(node), List.of(), null);
            case "contacts":
                return new Body(MessageType.CONTACTS, null, null, List.of(), null, sharedContacts(node), null);
            case "interactive":
                return interactive(node);
            case "button":
                return Body.of(MessageType.TEMPLATE_BUTTON, text(node, "text"), text(node, "payload"));
            case "order":
                return order(node);
            case "request_welcome":
                return Body.of(MessageType.WELCOME_REQUEST, null, null);
            default:
                // "unsupported" and types newer than this code: the agent still learns that something arrived.
                return Body.of(MessageType.UNSUPPORTED, null, null);
        }
    }

    private static Body media(String kind, JsonNode node) {
        MessageType type = MessageType.valueOf(kind.toUpperCase(Locale.ROOT));
        Boolean voice = type == MessageType.AUDIO ? node.path("voice").asBoolean(false) : null;
        Boolean animated = type == MessageType.STICKER ? node.path("animated").asBoolean(false) : null;
        MediaRef ref = new MediaRef(kind, nonBlank(text(node, "id")), text(node, "url"), text(node, "mime_type"),
                text(node, "sha256"), text(node, "filename"), longValue(node.path("file_size")), voice, animated);
        return new Body(type, text(node, "caption"), null, List.of(ref), null, List.of(), null);
    }

    private static Location location(JsonNode node) {
        Double latitude = doubleValue(node.path("latitude"));
        Double longitude = doubleValue(node.path("longitude"));
        if (latitude == null || longitude == null) {
            throw new Malformed("location without latitude/longitude");
        }
        return new Location(latitude, longitude, text(node, "name"), text(node, "address"), text(node, "url"));
    }

    private static List<SharedContact> sharedContacts(JsonNode cards) {
        List<SharedContact> result = new ArrayList<>();
        for (JsonNode card : array(cards)) {
            result.add(new SharedContact(formattedName(card.path("name")), text(card.path("org"), "company"),
                    values(card.path("phones"), "phone"), values(card.path("emails"), "email"),
                    values(card.path("phones"), "wa_id")));
        }
        return result;
    }

    private static String formattedName(JsonNode name) {
        String formatted = nonBlank(text(name, "formatted_name"));
        if (formatted != null) {
            return formatted;
        }
        return nonBlank((nullToEmpty(text(name, "first_name")) + " " + nullToEmpty(text(name, "last_name"))).trim());
    }

    private static Body interactive(JsonNode interactive) {
        String kind = nullToEmpty(text(interactive, "type"));
        JsonNode reply = interactive.path(kind);
        switch (kind) {
            case "button_reply":
                return Body.of(MessageType.BUTTON_REPLY, text(reply, "title"), text(reply, "id"));
            case "list_reply":
                return Body.of(MessageType.LIST_REPLY, text(reply, "title"), text(reply, "id"));
            case "nfm_reply":
                return Body.of(MessageType.FLOW_REPLY, text(reply, "body"), json(reply.path("response_json")));
            default:
                // call_permission_reply and later kinds: the whole object, so a consumer can still read it.
                return Body.of(MessageType.INTERACTIVE, text(reply, "title"),
                        interactive.isObject() ? interactive.toString() : null);
        }
    }

    private static Body order(JsonNode node) {
        List<Order.Item> items = new ArrayList<>();
        for (JsonNode item : array(node.path("product_items"))) {
            Integer quantity = intValue(item.path("quantity"));
            if (quantity == null) {
                throw new Malformed("order item without a numeric quantity");
            }
            items.add(new Order.Item(text(item, "product_retailer_id"), quantity, decimal(item.path("item_price")),
                    text(item, "currency")));
        }
        Order order = new Order(text(node, "catalog_id"), text(node, "text"), items);
        return new Body(MessageType.ORDER, order.text(), null, List.of(), null, List.of(), order);
    }

    private static ReplyContext replyContext(JsonNode context) {
        if (!context.isObject()) {
            return null;
        }
        JsonNode product = context.path("referred_product");
        return new ReplyContext(nonBlank(text(context, "id")), context.path("forwarded").asBoolean(false),
                context.path("frequently_forwarded").asBoolean(false), text(product, "catalog_id"),
                text(product, "product_retailer_id"), null, null);
    }

    private static Referral referral(JsonNode referral) {
        if (!referral.isObject()) {
            return null;
        }
        String sourceType = text(referral, "source_type");
        String sourceId = text(referral, "source_id");
        String mediaType = text(referral, "media_type");
        String mediaUrl = "video".equals(mediaType)
                ? firstNonNull(text(referral, "video_url"), text(referral, "image_url"))
                : firstNonNull(text(referral, "image_url"), text(referral, "video_url"));
        // Click-to-WhatsApp ads put the ad id in source_id; other sources (posts) have no ad.
        String adId = "ad".equals(sourceType) ? sourceId : null;
        return new Referral(null, sourceType, sourceId, text(referral, "source_url"), null, adId,
                text(referral, "headline"), text(referral, "body"), mediaType, mediaUrl, text(referral, "ctwa_clid"));
    }

    static List<ChannelError> errors(JsonNode errors) {
        List<ChannelError> result = new ArrayList<>();
        for (JsonNode error : array(errors)) {
            result.add(channelError(error));
        }
        return result;
    }

    static ChannelError channelError(JsonNode error) {
        Integer code = intValue(error.path("code"));
        if (code == null) {
            throw new Malformed("error without a numeric code: " + fragment(error));
        }
        return new ChannelError(code, intValue(error.path("error_subcode")), text(error, "title"),
                text(error, "message"), text(error.path("error_data"), "details"), text(error, "href"));
    }

    /** The type-specific part of a message's content. */
    private record Body(MessageType type, String text, String payload, List<MediaRef> media, Location location,
            List<SharedContact> contacts, Order order) {

        static Body of(MessageType type, String text, String payload) {
            return new Body(type, text, payload, List.of(), null, List.of(), null);
        }
    }
}
