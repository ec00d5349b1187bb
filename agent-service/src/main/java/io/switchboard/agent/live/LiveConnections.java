package io.switchboard.agent.live;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.eclipse.microprofile.config.Config;
import org.jboss.logging.Logger;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.arc.ClientProxy;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.scheduler.Scheduled;
import io.quarkus.websockets.next.WebSocketConnection;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Vertx;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.pgclient.pubsub.PgSubscriber;

/**
 * The sockets open on this replica and what each has been sent. A socket is sent its agent's feed items strictly in
 * sequence from its cursor: when PostgreSQL notifies that the agent's feed grew (on any replica), and on a timer as
 * a backstop for a notification lost while the listening connection was down.
 */
@ApplicationScoped
public class LiveConnections {

    private static final Logger LOG = Logger.getLogger(LiveConnections.class);
    private static final int BATCH = 200;

    private final Map<String, Subscriber> open = new ConcurrentHashMap<>();
    private final LiveFeed feed;
    private final ObjectMapper json;
    private final Vertx vertx;
    private final Config config;
    private PgSubscriber notifications;

    public LiveConnections(LiveFeed feed, ObjectMapper json, Vertx vertx, Config config, MeterRegistry registry) {
        this.feed = feed;
        this.json = json;
        this.vertx = vertx;
        this.config = config;
        registry.gaugeMapSize("switchboard.agent.sockets.connected", List.of(), open);
    }

    void listen(@Observes StartupEvent ignored) {
        String url = config.getValue("quarkus.datasource.reactive.url", String.class).replace("vertx-reactive:", "");
        PgConnectOptions options = PgConnectOptions.fromUri(url);
        config.getOptionalValue("quarkus.datasource.username", String.class).ifPresent(options::setUser);
        config.getOptionalValue("quarkus.datasource.password", String.class).ifPresent(options::setPassword);
        notifications = PgSubscriber.subscriber(vertx, options).reconnectPolicy(retries -> 1000L);
        notifications.channel(LiveFeed.CHANNEL)
                .handler(this::wake)
                // (Re)subscribed: notifications may have been missed meanwhile.
                .subscribeHandler(v -> drainAll());
        notifications.connect().onFailure(e -> LOG.warnf(
                "cannot listen for feed notifications, sockets catch up by the timer only: %s", e.toString()));
    }

    void stop(@Observes ShutdownEvent ignored) {
        if (notifications != null) {
            notifications.close();
        }
    }

    /** Starts sending the agent's items after {@code after} to a newly opened socket. */
    public void opened(WebSocketConnection connection, String agentId, long after) {
        // The connection itself, not the session-scoped proxy: it is used outside the socket's callbacks.
        Subscriber subscriber = new Subscriber(ClientProxy.unwrap(connection), agentId, after);
        open.put(connection.id(), subscriber);
        drain(subscriber);
    }

    public void closed(WebSocketConnection connection) {
        open.remove(connection.id());
    }

    /** The agent's feed grew: every socket of that agent on this replica reads what is new. */
    void wake(String agentId) {
        open.values().stream().filter(s -> s.agentId.equals(agentId)).forEach(this::drain);
    }

    @Scheduled(every = "${switchboard.agent.sweep-interval}", delayed = "2s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            // Not while shutting down: the database pool closes before the scheduler stops.
            skipExecutionIf = Scheduled.ApplicationNotRunning.class)
    void drainAll() {
        open.values().forEach(this::drain);
    }

    /** Sends what follows the socket's cursor; one drain at a time per socket, so items leave in order, once. */
    private void drain(Subscriber s) {
        synchronized (s) {
            if (s.draining) {
                s.again = true;
                return;
            }
            s.draining = true;
            s.again = false;
        }
        feed.after(s.agentId, s.sent, BATCH)
                .call(items -> Multi.createFrom().iterable(items)
                        .onItem().transformToUniAndConcatenate(item -> s.connection.sendText(frame(item))
                                .invoke(() -> s.sent = item.seq()))
                        .collect().last())
                .subscribe().with(items -> finished(s, items.size() == BATCH), e -> {
                    LOG.debugf("feed push failed agentId=%s connection=%s: %s", s.agentId, s.connection.id(), e);
                    finished(s, false);
                });
    }

    private void finished(Subscriber s, boolean fullBatch) {
        boolean more;
        synchronized (s) {
            s.draining = false;
            more = s.again || fullBatch;
        }
        if (more && s.connection.isOpen()) {
            drain(s);
        }
    }

    private String frame(LiveItem item) {
        try {
            return json.writeValueAsString(item);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** One open socket: its agent and the last sequence it was sent. */
    private static final class Subscriber {
        final WebSocketConnection connection;
        final String agentId;
        volatile long sent;
        boolean draining;
        boolean again;

        Subscriber(WebSocketConnection connection, String agentId, long after) {
            this.connection = connection;
            this.agentId = agentId;
            this.sent = after;
        }
    }
}
