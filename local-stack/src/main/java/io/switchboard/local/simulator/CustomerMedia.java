package io.switchboard.local.simulator;

import java.io.IOException;
import java.io.OutputStream;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;

/**
 * The files customers send, kept as the Cloud API keeps them: by media id, their metadata answered at
 * {@code GET /{version}/{media-id}} with a short-lived download URL, the bytes at that URL; both need the bearer
 * token (docs/channels.md, media).
 */
final class CustomerMedia {

    static final String DOWNLOAD = "/_simulator/media-download/";
    private static final ObjectMapper JSON = new ObjectMapper();

    private record Media(String type, byte[] bytes) {
    }

    private final Map<String, Media> media = new ConcurrentHashMap<>();

    void put(String mediaId, String type, byte[] bytes) {
        media.put(mediaId, new Media(type, bytes));
    }

    /** Stores an upload under a new numeric id, as Graph's media ids are; returns it. */
    String upload(String type, byte[] bytes) {
        String id = Long.toString(Math.abs(UUID.randomUUID().getMostSignificantBits() % 1_000_000_000_000_000L));
        put(id, type, bytes);
        return id;
    }

    boolean has(String mediaId) {
        return media.containsKey(mediaId);
    }

    void metadata(HttpExchange exchange, String mediaId) throws IOException {
        Media file = media.get(mediaId);
        String host = exchange.getRequestHeaders().getFirst("Host");
        GraphSimulator.respond(exchange, 200, JSON.createObjectNode().put("messaging_product", "whatsapp")
                .put("url", "http://" + host + DOWNLOAD + mediaId).put("mime_type", file.type())
                .put("file_size", file.bytes().length).put("id", mediaId));
    }

    void download(HttpExchange exchange, String mediaId) throws IOException {
        Media file = media.get(mediaId);
        if (file == null) {
            GraphSimulator.respond(exchange, 404, GraphSimulator.graphError(100, "GraphMethodException",
                    "Unsupported get request."));
            return;
        }
        exchange.getResponseHeaders().set("Content-Type", file.type());
        exchange.sendResponseHeaders(200, file.bytes().length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(file.bytes());
        }
    }
}
