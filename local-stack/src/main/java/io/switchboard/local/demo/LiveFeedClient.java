package io.switchboard.local.demo;

import java.net.URI;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Predicate;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * An agent's live connection, as a front end holds it: agent-service's {@code /me/live} socket, authenticated with
 * the agent's bearer token on the upgrade, resumed after the last item seen ({@code ?after=<seq>}), sending heartbeats
 * ({@code {"type":"heartbeat"}}) that keep the agent's presence. Every item received is kept, in order.
 */
public final class LiveFeedClient implements AutoCloseable {

    private final List<JsonNode> items = new CopyOnWriteArrayList<>();
    private final Consumer<JsonNode> onItem;
    private final ScheduledExecutorService heartbeats = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "live-heartbeats");
        t.setDaemon(true);
        return t;
    });
    private final WebSocket socket;

    private LiveFeedClient(WebSocket.Builder builder, URI uri, Consumer<JsonNode> onItem) {
        this.onItem = onItem;
        this.socket = builder.buildAsync(uri, new Listener()).join();
        heartbeats.scheduleAtFixedRate(() -> socket.sendText("{\"type\":\"heartbeat\"}", true), 0, 5,
                TimeUnit.SECONDS);
    }

    /**
     * Opens the agent's socket. {@code after} is the last sequence the caller has seen (0: the whole feed);
     * {@code onItem} sees each item as it arrives.
     */
    public static LiveFeedClient open(String agentServiceBase, String token, long after, Consumer<JsonNode> onItem) {
        URI uri = URI.create(agentServiceBase.replaceFirst("^http", "ws") + "/me/live?after=" + after);
        WebSocket.Builder builder = Http.CLIENT.newWebSocketBuilder().connectTimeout(Duration.ofSeconds(5))
                .header("Authorization", "Bearer " + token);
        return new LiveFeedClient(builder, uri, onItem);
    }

    public List<JsonNode> items() {
        return List.copyOf(items);
    }

    /** The sequence of the last item received: where a reconnect resumes. */
    public long lastSeq() {
        return items.isEmpty() ? 0 : items.get(items.size() - 1).path("seq").asLong();
    }

    /** Waits for an item of {@code type} that {@code matches}. */
    public JsonNode await(String type, Predicate<JsonNode> matches, Duration timeout) throws Exception {
        return Await.until("a '" + type + "' item on the agent's socket", timeout, () -> items.stream()
                .filter(i -> type.equals(i.path("type").asText())).filter(matches).findFirst()
                .map(Optional::of).orElse(Optional.empty()));
    }

    @Override
    public void close() {
        heartbeats.shutdownNow();
        socket.sendClose(WebSocket.NORMAL_CLOSURE, "bye").orTimeout(5, TimeUnit.SECONDS).exceptionally(e -> null)
                .join();
    }

    private final class Listener implements WebSocket.Listener {

        private final StringBuilder partial = new StringBuilder();

        @Override
        public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
            partial.append(data);
            if (last) {
                try {
                    JsonNode item = Http.JSON.readTree(partial.toString());
                    items.add(item);
                    onItem.accept(item);
                } catch (Exception e) {
                    System.out.println("unreadable frame on the live socket: " + e.getMessage());
                }
                partial.setLength(0);
            }
            webSocket.request(1);
            return CompletableFuture.completedFuture(null);
        }
    }
}
