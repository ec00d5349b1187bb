package io.switchboard.agent.supervisor;

import jakarta.annotation.security.RolesAllowed;

import io.quarkus.websockets.next.CloseReason;
import io.quarkus.websockets.next.OnClose;
import io.quarkus.websockets.next.OnOpen;
import io.quarkus.websockets.next.OnTextMessage;
import io.quarkus.websockets.next.WebSocket;
import io.quarkus.websockets.next.WebSocketConnection;
import io.smallrye.mutiny.Uni;
import io.switchboard.agent.api.Caller;
import io.switchboard.agent.live.LiveConnections;
import io.switchboard.agent.live.LiveSocket;
import io.switchboard.messaging.http.ErrorBody;

/**
 * The supervisors' wallboard feed: queue figures and agents' presence and load as they change. Authenticated like
 * {@code /me/live} (bearer header, or the subprotocol a browser can send), role supervisor or admin;
 * {@code ?after=<seq>} resumes after the last item seen; without it the socket starts at the feed's current end. It is the shared feed {@link SupervisorFeed#FEED}, sent by
 * the agents' socket machinery ({@link LiveConnections}: in sequence, one batch at a time, woken by PostgreSQL's
 * notification on commit). Frames from the client are not needed; each is answered {@code unknown_frame}.
 */
@WebSocket(path = "/supervisor/live")
@RolesAllowed({ Caller.SUPERVISOR, Caller.ADMIN })
public class SupervisorLiveSocket {

    static final CloseReason BAD_AFTER = new CloseReason(4400, "after must be a sequence number (0 or more)");

    private final LiveConnections connections;
    private final SupervisorFeed feed;

    public SupervisorLiveSocket(LiveConnections connections, SupervisorFeed feed) {
        this.connections = connections;
        this.feed = feed;
    }

    @OnOpen
    Uni<Void> open(WebSocketConnection connection) {
        String query = connection.handshakeRequest().query();
        Long after = LiveSocket.after(query);
        if (after == null) {
            return connection.close(BAD_AFTER);
        }
        // Without after: from now on. The shared feed is long (every queue change for days); a wallboard opens the
        // socket, then loads the current state over REST, then applies what follows.
        boolean resume = query != null && java.util.Arrays.stream(query.split("&")).anyMatch(p -> p.startsWith("after="));
        return (resume ? Uni.createFrom().item(after) : feed.head())
                .invoke(from -> connections.opened(connection, SupervisorFeed.FEED, from)).replaceWithVoid();
    }

    @OnTextMessage
    Uni<Void> message(String text, WebSocketConnection connection) {
        return connection.sendText(ErrorBody.of("unknown_frame", "the supervisors' feed takes no frames"));
    }

    @OnClose
    void close(WebSocketConnection connection) {
        connections.closed(connection);
    }
}
