package io.switchboard.local.simulator;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Webhooks as Meta sends them to ingress-service: customers' messages and the delivery statuses of what we sent,
 * in the shapes of docs/channels.md §2 and §3, signed with the app secret ({@code X-Hub-Signature-256}).
 */
public final class MetaWebhooks {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final URI endpoint;
    private final byte[] appSecret;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    /** @param ingressBase e.g. {@code http://localhost:8080}; posts go to {@code /webhooks/meta} */
    public MetaWebhooks(String ingressBase, String appSecret) {
        this.endpoint = URI.create(ingressBase + "/webhooks/meta");
        this.appSecret = appSecret.getBytes(StandardCharsets.UTF_8);
    }

    /** A WhatsApp business number, as its webhooks name it. */
    public record WhatsAppNumber(String wabaId, String phoneNumberId, String displayPhoneNumber) {
    }

    /**
     * A customer writes to a WhatsApp number; returns the new message's wamid. Meta sends no trace context; a
     * {@code traceparent} (may be null) lets a test name the trace the webhook starts.
     */
    public String whatsAppText(WhatsAppNumber number, String customerPhone, String customerName, String text,
            Instant at, String traceparent) throws IOException, InterruptedException {
        String wamid = "wamid.SIM" + UUID.randomUUID().toString().replace("-", "").toUpperCase();
        ObjectNode value = whatsAppValue(number);
        value.putArray("contacts").addObject().put("wa_id", customerPhone).putObject("profile").put("name", customerName);
        ObjectNode message = value.putArray("messages").addObject();
        message.put("from", customerPhone).put("id", wamid).put("timestamp", Long.toString(at.getEpochSecond()))
                .put("type", "text").putObject("text").put("body", text);
        post(whatsAppEnvelope(number, value), traceparent);
        return wamid;
    }

    /** A customer sends an image they uploaded (its media id, as the Cloud API names it); returns the wamid. */
    public String whatsAppImage(WhatsAppNumber number, String customerPhone, String customerName, String mediaId,
            String mimeType, String caption, Instant at) throws IOException, InterruptedException {
        ObjectNode message = JSON.createObjectNode().put("type", "image");
        ObjectNode image = message.putObject("image").put("id", mediaId).put("mime_type", mimeType)
                .put("sha256", "simulated");
        if (caption != null) {
            image.put("caption", caption);
        }
        return whatsAppMessage(number, customerPhone, customerName, message, at);
    }

    /** A customer shares a location; returns the wamid. */
    public String whatsAppLocation(WhatsAppNumber number, String customerPhone, String customerName, double latitude,
            double longitude, String name, String address, Instant at) throws IOException, InterruptedException {
        ObjectNode message = JSON.createObjectNode().put("type", "location");
        message.putObject("location").put("latitude", latitude).put("longitude", longitude).put("name", name)
                .put("address", address);
        return whatsAppMessage(number, customerPhone, customerName, message, at);
    }

    private String whatsAppMessage(WhatsAppNumber number, String customerPhone, String customerName,
            ObjectNode content, Instant at) throws IOException, InterruptedException {
        String wamid = "wamid.SIM" + UUID.randomUUID().toString().replace("-", "").toUpperCase();
        ObjectNode value = whatsAppValue(number);
        value.putArray("contacts").addObject().put("wa_id", customerPhone).putObject("profile").put("name", customerName);
        ObjectNode message = value.putArray("messages").addObject();
        message.put("from", customerPhone).put("id", wamid).put("timestamp", Long.toString(at.getEpochSecond()));
        message.setAll(content);
        post(whatsAppEnvelope(number, value));
        return wamid;
    }

    /**
     * The status of a message we sent: {@code sent}, {@code delivered}, {@code read}, or {@code failed} with an
     * error code (131047 when the customer service window had closed).
     */
    public void whatsAppStatus(WhatsAppNumber number, String wamid, String recipient, String status, Instant at,
            Integer errorCode) throws IOException, InterruptedException {
        ObjectNode value = whatsAppValue(number);
        ObjectNode s = value.putArray("statuses").addObject();
        s.put("id", wamid).put("status", status).put("timestamp", Long.toString(at.getEpochSecond()))
                .put("recipient_id", recipient);
        if (errorCode != null) {
            ObjectNode error = s.putArray("errors").addObject().put("code", errorCode)
                    .put("title", "Re-engagement message").put("message", "Re-engagement message");
            error.putObject("error_data").put("details", "Message failed to send because more than 24 hours have "
                    + "passed since the customer last replied to this number.");
        } else {
            s.putObject("pricing").put("billable", false).put("pricing_model", "PMP")
                    .put("type", "free_customer_service").put("category", "service");
        }
        post(whatsAppEnvelope(number, value));
    }

    /** A customer writes to a Facebook Page; returns the message's mid. */
    public String messengerText(String pageId, String psid, String text, Instant at)
            throws IOException, InterruptedException {
        String mid = "m_SIM" + UUID.randomUUID().toString().replace("-", "");
        ObjectNode event = messengerEvent(pageId, psid, at);
        event.putObject("message").put("mid", mid).put("text", text);
        post(pageEnvelope(pageId, event, at));
        return mid;
    }

    /** Messenger's delivery receipt for messages we sent to {@code psid}. */
    public void messengerDelivery(String pageId, String psid, List<String> mids, Instant watermark)
            throws IOException, InterruptedException {
        ObjectNode event = messengerEvent(pageId, psid, null);
        ObjectNode delivery = event.putObject("delivery");
        ArrayNode array = delivery.putArray("mids");
        mids.forEach(array::add);
        delivery.put("watermark", watermark.toEpochMilli());
        post(pageEnvelope(pageId, event, watermark));
    }

    /** Messenger's read receipt: everything sent before the watermark was read. */
    public void messengerRead(String pageId, String psid, Instant watermark) throws IOException, InterruptedException {
        ObjectNode event = messengerEvent(pageId, psid, watermark);
        event.putObject("read").put("watermark", watermark.toEpochMilli());
        post(pageEnvelope(pageId, event, watermark));
    }

    private static ObjectNode whatsAppValue(WhatsAppNumber number) {
        ObjectNode value = JSON.createObjectNode().put("messaging_product", "whatsapp");
        value.putObject("metadata").put("display_phone_number", number.displayPhoneNumber())
                .put("phone_number_id", number.phoneNumberId());
        return value;
    }

    private static ObjectNode whatsAppEnvelope(WhatsAppNumber number, ObjectNode value) {
        ObjectNode root = JSON.createObjectNode().put("object", "whatsapp_business_account");
        ObjectNode entry = root.putArray("entry").addObject().put("id", number.wabaId());
        entry.putArray("changes").addObject().put("field", "messages").set("value", value);
        return root;
    }

    private static ObjectNode messengerEvent(String pageId, String psid, Instant at) {
        ObjectNode event = JSON.createObjectNode();
        event.putObject("sender").put("id", psid);
        event.putObject("recipient").put("id", pageId);
        if (at != null) {
            event.put("timestamp", at.toEpochMilli());
        }
        return event;
    }

    private static ObjectNode pageEnvelope(String pageId, ObjectNode event, Instant at) {
        ObjectNode root = JSON.createObjectNode().put("object", "page");
        ObjectNode entry = root.putArray("entry").addObject().put("id", pageId).put("time", at.toEpochMilli());
        entry.putArray("messaging").add(event);
        return root;
    }

    /** Posts like Meta: signed raw bytes; anything but 200 is an error (ingress answers 503 while Kafka is away). */
    private void post(ObjectNode payload) throws IOException, InterruptedException {
        post(payload, null);
    }

    private void post(ObjectNode payload, String traceparent) throws IOException, InterruptedException {
        byte[] body = JSON.writeValueAsBytes(payload);
        HttpRequest.Builder request = HttpRequest.newBuilder(endpoint).timeout(Duration.ofSeconds(15))
                .header("Content-Type", "application/json")
                .header("X-Hub-Signature-256", "sha256=" + sign(body))
                .POST(HttpRequest.BodyPublishers.ofByteArray(body));
        if (traceparent != null) {
            request.header("traceparent", traceparent);
        }
        HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IOException("ingress answered " + response.statusCode() + ": " + response.body());
        }
    }

    private String sign(byte[] body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(appSecret, "HmacSHA256"));
            return HexFormat.of().formatHex(mac.doFinal(body));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
