package io.switchboard.conformance;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * CS-7.8, the sender's side of §7.1: what a reply body must look like, so that a receiver written from the document
 * can take it. Switchboard's outbound-service checks the bodies it sends with it (MetaAndCustomDeliveryTest).
 */
public final class ReplyShape {

    static final Set<String> MEDIA_TYPES = Set.of("image", "video", "audio", "document", "sticker");

    private ReplyShape() {
    }

    /** What is wrong with a version 1 reply body; empty when nothing is. */
    public static List<String> violations(JsonNode body) {
        List<String> problems = new ArrayList<>();
        if (!"message".equals(body.path("type").asText())) {
            problems.add("type is not message");
        }
        id(problems, body.path("message_id"), "message_id");
        if (!body.path("created_at").isTextual()) {
            problems.add("created_at is missing");
        }
        id(problems, body.path("conversation").path("external_id"), "conversation.external_id");
        if (!body.path("user").isMissingNode()) {
            id(problems, body.path("user").path("external_id"), "user.external_id");
        }
        JsonNode message = body.path("message");
        JsonNode text = message.path("text");
        JsonNode media = message.path("media");
        if (!text.isTextual() && !media.isArray()) {
            problems.add("message has neither text nor media");
        }
        if (text.isTextual() && (text.asText().isEmpty() || text.asText().codePointCount(0, text.asText().length())
                > 4096)) {
            problems.add("message.text is not 1-4096 characters");
        }
        if (media.isArray()) {
            for (int i = 0; i < media.size(); i++) {
                JsonNode item = media.get(i);
                String type = item.path("type").asText(null);
                if (type == null || !MEDIA_TYPES.contains(type)) {
                    problems.add("message.media[" + i + "].type is not one of " + MEDIA_TYPES);
                }
                if (!item.path("url").asText("").startsWith("https://")) {
                    problems.add("message.media[" + i + "].url is not an https URL");
                }
                if (item.has("filename") && !"document".equals(type)) {
                    problems.add("message.media[" + i + "].filename on a " + type + " (documents only)");
                }
            }
        }
        return problems;
    }

    private static void id(List<String> problems, JsonNode id, String name) {
        if (!id.isTextual() || id.asText().isEmpty() || id.asText().codePointCount(0, id.asText().length()) > 200) {
            problems.add(name + " is not a string of 1-200 characters");
        }
    }
}
