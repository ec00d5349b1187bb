package io.switchboard.agent;

import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;

import org.awaitility.Awaitility;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.websockets.next.BasicWebSocketConnector;
import io.quarkus.websockets.next.WebSocketClientConnection;

/** An agent's front end on {@code /me/live}: keeps every frame it receives, in order. */
final class LiveClient implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();

    final List<JsonNode> frames = new CopyOnWriteArrayList<>();
    private final WebSocketClientConnection connection;

    private LiveClient(BasicWebSocketConnector connector, long after) {
        this(connector, "/me/live", after);
    }

    private LiveClient(BasicWebSocketConnector connector, String path, long after) {
        // Callbacks on the event loop, one at a time: frames are kept in the order they arrive.
        connection = connector.executionModel(BasicWebSocketConnector.ExecutionModel.NON_BLOCKING)
                .path(after < 0 ? path : path + "?after=" + after)
                .onTextMessage((c, text) -> frames.add(parse(text)))
                .connectAndAwait();
    }

    /** Connects with the token in the Authorization header, as a server-side client would. */
    static LiveClient connect(URI base, String token, long after) {
        return new LiveClient(BasicWebSocketConnector.create().baseUri(base)
                .addHeader("Authorization", "Bearer " + token), after);
    }

    /**
     * Connects to another feed ({@code /supervisor/live}) with the token in the Authorization header; a negative
     * {@code after} sends none.
     */
    static LiveClient connect(URI base, String token, String path, long after) {
        return new LiveClient(BasicWebSocketConnector.create().baseUri(base)
                .addHeader("Authorization", "Bearer " + token), path, after);
    }

    /** Connects as a browser must: the token in the subprotocol Quarkus turns into the Authorization header. */
    static LiveClient connectAsBrowser(URI base, String token, long after) {
        return new LiveClient(BasicWebSocketConnector.create().baseUri(base)
                .addSubprotocol("bearer-token-carrier")
                .addSubprotocol(URLEncoder.encode("quarkus-http-upgrade#Authorization#Bearer " + token,
                        StandardCharsets.UTF_8)), after);
    }

    void send(String text) {
        connection.sendTextAndAwait(text);
    }

    /** Waits until a frame matches, and returns it. */
    JsonNode await(Predicate<JsonNode> match) {
        return Awaitility.await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(50))
                .until(() -> frames.stream().filter(match).findFirst().orElse(null), frame -> frame != null);
    }

    JsonNode await(String type, String conversationKey) {
        return await(f -> type.equals(f.path("type").asText())
                && conversationKey.equals(f.path("conversationKey").asText()));
    }

    List<Long> seqs() {
        return frames.stream().filter(f -> f.has("seq")).map(f -> f.get("seq").asLong()).toList();
    }

    long seq(JsonNode frame) {
        return frame.get("seq").asLong();
    }

    long lastSeq() {
        List<Long> seqs = seqs();
        return seqs.isEmpty() ? 0 : seqs.get(seqs.size() - 1);
    }

    boolean closed() {
        return connection.isClosed();
    }

    @Override
    public void close() {
        connection.closeAndAwait();
    }

    private static JsonNode parse(String text) {
        try {
            return JSON.readTree(text);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("not JSON: " + text, e);
        }
    }
}
