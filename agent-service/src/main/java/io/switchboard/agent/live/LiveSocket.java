package io.switchboard.agent.live;

import java.time.Instant;

import jakarta.annotation.security.RolesAllowed;

import org.eclipse.microprofile.jwt.JsonWebToken;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.websockets.next.CloseReason;
import io.quarkus.websockets.next.OnClose;
import io.quarkus.websockets.next.OnOpen;
import io.quarkus.websockets.next.OnTextMessage;
import io.quarkus.websockets.next.WebSocket;
import io.quarkus.websockets.next.WebSocketConnection;
import io.smallrye.mutiny.Uni;
import io.switchboard.messaging.http.ErrorBody;
import io.switchboard.agent.api.Caller;
import io.switchboard.agent.presence.PresenceService;

/**
 * The calling agent's live socket. The upgrade needs the agent's bearer token (header, or the subprotocol header a
 * browser can send: README.md); {@code ?after=<seq>} resumes the feed after the last item the front end saw. Frames
 * the front end sends are heartbeats: {@code {"type": "heartbeat"}}.
 */
@WebSocket(path = "/me/live")
@RolesAllowed(Caller.AGENT)
public class LiveSocket {

    /** Closed because the token names no agent of the directory. */
    static final CloseReason UNKNOWN_AGENT = new CloseReason(4404, "unknown_agent");
    /** Closed because {@code after} is not a sequence. */
    static final CloseReason BAD_AFTER = new CloseReason(4400, "after must be a sequence number (0 or more)");

    private final LiveConnections connections;
    private final PresenceService presence;
    private final SecurityIdentity identity;
    private final ObjectMapper json;
    private final Caller caller;

    public LiveSocket(LiveConnections connections, PresenceService presence, SecurityIdentity identity,
            ObjectMapper json, Caller caller) {
        this.connections = connections;
        this.presence = presence;
        this.identity = identity;
        this.json = json;
        this.caller = caller;
    }

    @OnOpen
    Uni<Void> open(WebSocketConnection connection) {
        String agentId = caller.agentId((JsonWebToken) identity.getPrincipal());
        Long after = after(connection.handshakeRequest().query());
        if (after == null) {
            return connection.close(BAD_AFTER);
        }
        // Opening is the first heartbeat; the socket is refused for an agent the directory does not know.
        return presence.heartbeat(agentId, Instant.now()).flatMap(known -> {
            if (!known) {
                return connection.close(UNKNOWN_AGENT);
            }
            connections.opened(connection, agentId, after);
            return Uni.createFrom().voidItem();
        });
    }

    @OnTextMessage
    Uni<Void> message(String text, WebSocketConnection connection) {
        if (!isHeartbeat(text)) {
            return connection.sendText(ErrorBody.of("unknown_frame", "the only frame is {\"type\": \"heartbeat\"}"));
        }
        String agentId = caller.agentId((JsonWebToken) identity.getPrincipal());
        return presence.heartbeat(agentId, Instant.now()).replaceWithVoid();
    }

    @OnClose
    void close(WebSocketConnection connection) {
        connections.closed(connection);
    }

    private boolean isHeartbeat(String text) {
        try {
            return "heartbeat".equals(json.readTree(text).path("type").asText());
        } catch (JsonProcessingException e) {
            return false;
        }
    }

    /** {@code after} from the query string: absent is 0 (the whole feed), anything but a number is refused. */
    public static Long after(String query) {
        if (query == null) {
            return 0L;
        }
        for (String pair : query.split("&")) {
            if (pair.startsWith("after=")) {
                try {
                    long after = Long.parseLong(pair.substring("after=".length()));
                    return after < 0 ? null : after;
                } catch (NumberFormatException e) {
                    return null;
                }
            }
        }
        return 0L;
    }
}
