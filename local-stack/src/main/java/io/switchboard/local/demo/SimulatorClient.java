package io.switchboard.local.demo;

import java.io.IOException;
import java.time.Instant;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;

/** Plays customers through the channel simulator, and reads what outbound sent to it. */
public final class SimulatorClient {

    private final String base;

    /** @param base e.g. {@code http://localhost:8090} */
    public SimulatorClient(String base) {
        this.base = base;
    }

    /** A WhatsApp customer writes to the business number; returns the wamid. */
    public String whatsAppCustomerWrites(String phoneNumberId, String phone, String name, String text, Instant sentAt)
            throws IOException, InterruptedException {
        return whatsAppCustomerWrites(phoneNumberId, phone, name, text, sentAt, null);
    }

    /** The same, the webhook carrying {@code traceparent} so that the caller knows the trace it starts. */
    public String whatsAppCustomerWrites(String phoneNumberId, String phone, String name, String text, Instant sentAt,
            String traceparent) throws IOException, InterruptedException {
        Map<String, String> body = new HashMap<>(Map.of("text", text, "name", name,
                "sentAt", sentAt.toString()));
        if (traceparent != null) {
            body.put("traceparent", traceparent);
        }
        return Http.call("POST", base + "/_simulator/whatsapp/" + phoneNumberId + "/customers/" + phone + "/messages",
                null, body).path("messageId").asText();
    }

    /** A WhatsApp customer sends a photo with a caption; returns the wamid. */
    public String whatsAppCustomerSendsImage(String phoneNumberId, String phone, String name, byte[] image,
            String mimeType, String caption) throws IOException, InterruptedException {
        return Http.call("POST", base + "/_simulator/whatsapp/" + phoneNumberId + "/customers/" + phone + "/messages",
                null, Map.of("name", name, "image", Map.of("base64", Base64.getEncoder().encodeToString(image),
                        "mimeType", mimeType, "caption", caption))).path("messageId").asText();
    }

    /** A WhatsApp customer shares a location; returns the wamid. */
    public String whatsAppCustomerSendsLocation(String phoneNumberId, String phone, String name, double latitude,
            double longitude, String place, String address) throws IOException, InterruptedException {
        return Http.call("POST", base + "/_simulator/whatsapp/" + phoneNumberId + "/customers/" + phone + "/messages",
                null, Map.of("name", name, "location", Map.of("latitude", latitude, "longitude", longitude,
                        "name", place, "address", address))).path("messageId").asText();
    }

    /** The services that exported spans of the trace ({@code ingress-service}, …). */
    public JsonNode servicesInTrace(String traceId) throws IOException, InterruptedException {
        return Http.call("GET", base + "/_simulator/traces/" + traceId, null, null);
    }

    /** Which of these strings some span the services exported holds. */
    public JsonNode inSpans(List<String> needles) throws IOException, InterruptedException {
        return Http.call("POST", base + "/_simulator/traces/search", null, needles);
    }

    /** A Messenger customer writes to the Page; returns the mid. */
    public String messengerCustomerWrites(String pageId, String psid, String text)
            throws IOException, InterruptedException {
        return Http.call("POST", base + "/_simulator/messenger/" + pageId + "/customers/" + psid + "/messages", null,
                Map.of("text", text)).path("messageId").asText();
    }

    /** Everything outbound sent so far, oldest first, each with the receipts reported for it. */
    public JsonNode sent() throws IOException, InterruptedException {
        return Http.call("GET", base + "/_simulator/sent", null, null);
    }
}
