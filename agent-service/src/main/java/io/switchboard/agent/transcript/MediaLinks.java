package io.switchboard.agent.transcript;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

import io.switchboard.events.MediaRef;

/**
 * How media is named to the front end: an id within its conversation and a link through agent-service, never the
 * channel's own URL (Meta's links are short-lived, and WhatsApp media needs the account's token).
 */
public final class MediaLinks {

    /** The agent's path: {@code /me/conversations/{key}/media/{mediaId}}. */
    public static final String AGENT_BASE = "/me/conversations";
    /** Supervisors' path: {@code /conversations/{key}/media/{mediaId}}. */
    public static final String SUPERVISOR_BASE = "/conversations";

    private MediaLinks() {
    }

    /** WhatsApp's media id where there is one; else {@code u} and 32 hex digits of the URL's SHA-256. */
    public static String id(MediaRef media) {
        if (media.mediaId() != null) {
            return media.mediaId();
        }
        if (media.url() == null) {
            return null;
        }
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(media.url().getBytes(StandardCharsets.UTF_8));
            return "u" + HexFormat.of().formatHex(digest, 0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }

    /** The link under {@code base} ({@link #AGENT_BASE} or {@link #SUPERVISOR_BASE}); null without an id. */
    public static String link(String base, String conversationKey, String mediaId) {
        return mediaId == null ? null : base + "/" + segment(conversationKey) + "/media/" + segment(mediaId);
    }

    private static String segment(String value) {
        // Colons are fine in a path segment and keep keys readable (wa:106540352242922:16505551234).
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20").replace("%3A", ":");
    }
}
