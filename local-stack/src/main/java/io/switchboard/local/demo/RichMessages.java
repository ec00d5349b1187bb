package io.switchboard.local.demo;

import java.time.Duration;
import java.util.Base64;
import java.util.Optional;
import java.util.function.Consumer;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * A customer sends a photo and shares a location; the agent finds both in the transcript with their content and
 * opens the photo through agent-service, which fetches it from the channel (the simulator, as the Graph API) with the
 * account's token. The demo plays it; local-stack's {@code EndToEndTest} checks what it returns.
 */
public final class RichMessages {

    /** A 1×1 PNG: small enough to read in a log, a real image for any viewer. */
    public static final byte[] PHOTO = Base64.getDecoder().decode(
            "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==");
    public static final String CAPTION = "The box arrived like this";
    public static final String PLACE = "Alexanderplatz";

    /** What the agent saw: the two transcript entries, and the photo as agent-service served it. */
    public record Seen(JsonNode image, Download photo, JsonNode location) {
    }

    private RichMessages() {
    }

    public static Seen play(SimulatorClient simulator, String phoneNumberId, String phone, String name,
            AgentClient agent, String conversationKey, Duration step, Consumer<String> say) throws Exception {
        simulator.whatsAppCustomerSendsImage(phoneNumberId, phone, name, PHOTO, "image/png", CAPTION);
        say.accept("customer +" + phone + " sent a photo: \"" + CAPTION + "\"");
        simulator.whatsAppCustomerSendsLocation(phoneNumberId, phone, name, 52.521918, 13.413215, PLACE,
                "Alexanderplatz 1, 10178 Berlin");
        say.accept("customer +" + phone + " shared a location: " + PLACE);

        JsonNode image = Await.until("the photo in the agent's transcript", step,
                () -> entry(agent, conversationKey, "image"));
        JsonNode media = image.path("content").path("media").path(0);
        Download photo = agent.media(conversationKey, media.path("mediaId").asText());
        say.accept("agent: sees the photo (" + media.path("mimeType").asText() + ", caption \""
                + image.path("content").path("text").asText() + "\") and opens it: " + photo.contentType() + ", "
                + photo.bytes().length + " bytes");
        JsonNode location = Await.until("the location in the agent's transcript", step,
                () -> entry(agent, conversationKey, "location"));
        JsonNode where = location.path("content").path("location");
        say.accept("agent: sees the location " + where.path("name").asText() + " (" + where.path("latitude").asDouble()
                + ", " + where.path("longitude").asDouble() + ")");
        return new Seen(image, photo, location);
    }

    private static Optional<JsonNode> entry(AgentClient agent, String conversationKey, String kind) throws Exception {
        for (JsonNode m : agent.conversation(conversationKey).path("transcript")) {
            if (kind.equals(m.path("kind").asText())) {
                return Optional.of(m);
            }
        }
        return Optional.empty();
    }
}
