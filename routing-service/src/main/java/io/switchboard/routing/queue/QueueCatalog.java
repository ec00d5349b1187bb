package io.switchboard.routing.queue;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;

import org.jboss.logging.Logger;

import io.switchboard.routing.config.RoutingConfig;
import io.switchboard.routing.store.Db;
import io.switchboard.routing.store.Transactions;
import io.vertx.core.json.JsonObject;
import io.vertx.mutiny.sqlclient.Row;

/**
 * The queues: every version in {@code routing.queue_versions}, the latest of each held in memory for matching and
 * refreshed by the sweeper, so a change saved on one replica reaches the others within a sweep interval.
 */
@ApplicationScoped
public class QueueCatalog {

    /** Definitions as stored and as the admin API reads them: unknown fields are refused, durations ISO-8601. */
    public static final ObjectMapper JSON = configure(new ObjectMapper());

    private static final Logger LOG = Logger.getLogger(QueueCatalog.class);

    private final Transactions transactions;
    private final RoutingConfig config;
    // Stored versions never change: parsed and compiled once per replica.
    private final Map<String, QueueVersion> versions = new ConcurrentHashMap<>();
    private volatile List<QueueVersion> latest = List.of();
    private volatile Map<String, QueueVersion> latestById = Map.of();

    public QueueCatalog(Transactions transactions, RoutingConfig config) {
        this.transactions = transactions;
        this.config = config;
    }

    public static ObjectMapper configure(ObjectMapper mapper) {
        return mapper.registerModule(new JavaTimeModule())
                .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
                .disable(SerializationFeature.WRITE_DURATIONS_AS_TIMESTAMPS)
                .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
    }

    /**
     * The queue a new conversation waits in: the first whose rule matches, highest priority first, then by id; the
     * fallback queue takes what no other queue matches (its own rule is not consulted, so it cannot shadow others).
     */
    public QueueVersion match(MatchRule.Conversation conversation) {
        QueueVersion fallback = null;
        for (QueueVersion queue : latest) {
            if (queue.id().equals(config.fallbackQueue())) {
                fallback = queue;
            } else if (queue.matchRule().matches(conversation)) {
                return queue;
            }
        }
        if (fallback == null) {
            throw new IllegalStateException("fallback queue " + config.fallbackQueue() + " is not defined");
        }
        return fallback;
    }

    /** The latest version of every queue, in matching order. */
    public List<QueueVersion> latest() {
        return latest;
    }

    /** The queue's latest version as this replica knows it, without a database read (empty when unknown here). */
    public Optional<QueueVersion> known(String queueId) {
        return Optional.ofNullable(latestById.get(queueId));
    }

    /**
     * The queue's latest version as this replica knows it (refreshed every sweep), else as stored. Decisions use it,
     * so a saved change applies to the conversations already waiting from the next decision on.
     */
    public Optional<QueueVersion> current(Db db, String queueId) {
        QueueVersion known = latestById.get(queueId);
        if (known != null) {
            return Optional.of(known);
        }
        Row row = db.one("SELECT queue_id, version, definition FROM routing.queue_versions WHERE queue_id = $1"
                + " ORDER BY version DESC LIMIT 1", queueId);
        return Optional.ofNullable(row).map(this::remember);
    }

    public List<QueueVersion> history(String queueId) {
        return transactions.inTransaction(db -> {
            List<QueueVersion> all = new ArrayList<>();
            db.query("SELECT queue_id, version, definition FROM routing.queue_versions WHERE queue_id = $1"
                    + " ORDER BY version", queueId).forEach(row -> all.add(remember(row)));
            return all;
        });
    }

    /**
     * Stores {@code definition} as the queue's next version, unless it equals the latest version from the same
     * source for the file (so a restart does not undo admin changes) or the latest version at all for the API
     * (a repeated request changes nothing). Validated first; {@link InvalidQueue} says why not.
     */
    public QueueVersion save(QueueDefinition definition, String source, Set<String> alsoKnown) {
        QueueVersion saved = transactions.inTransaction(db -> {
            // One writer per queue at a time, so two replicas never number the same version.
            db.query("SELECT pg_advisory_xact_lock(hashtext('routing.queue:' || $1))", definition.id());
            Set<String> known = new HashSet<>(alsoKnown);
            db.query("SELECT DISTINCT queue_id FROM routing.queue_versions").forEach(r -> known.add(r.getString(0)));
            definition.validate(known);
            Row same = db.one("SELECT queue_id, version, definition FROM routing.queue_versions WHERE queue_id = $1"
                    + ("file".equals(source) ? " AND source = 'file'" : "") + " ORDER BY version DESC LIMIT 1",
                    definition.id());
            if (same != null && remember(same).definition().equals(definition)) {
                return "file".equals(source) ? null : remember(same);
            }
            Row row = db.one("INSERT INTO routing.queue_versions (queue_id, version, definition, source)"
                    + " SELECT $1, COALESCE(max(version), 0) + 1, $2, $3 FROM routing.queue_versions WHERE queue_id = $1"
                    + " RETURNING queue_id, version, definition", definition.id(), toJson(definition), source);
            return remember(row);
        });
        refresh();
        return saved;
    }

    /** Reloads the latest version of every queue. */
    public void refresh() {
        List<QueueVersion> fresh = transactions.inTransaction(db -> {
            List<QueueVersion> all = new ArrayList<>();
            db.query("SELECT DISTINCT ON (queue_id) queue_id, version, definition FROM routing.queue_versions"
                    + " ORDER BY queue_id, version DESC").forEach(row -> all.add(remember(row)));
            return all;
        });
        fresh.sort(Comparator.comparingInt((QueueVersion q) -> q.definition().priority()).reversed()
                .thenComparing(QueueVersion::id));
        latest = List.copyOf(fresh);
        latestById = fresh.stream().collect(Collectors.toUnmodifiableMap(QueueVersion::id, q -> q));
    }

    private QueueVersion remember(Row row) {
        return versions.computeIfAbsent(row.getString("queue_id") + "@" + row.getLong("version"), key -> {
            QueueDefinition stored = fromJson(row.getJsonObject("definition"));
            // A version stored before QueueBounds existed is used within them, never as stored.
            QueueDefinition definition = QueueBounds.clamped(stored);
            if (definition != stored) {
                LOG.warnf("queue %s is outside its bounds %s: used within them; store a new version",
                        key, QueueBounds.violations(stored));
            }
            return new QueueVersion(definition, row.getLong("version"), MatchRule.compile(definition.match()));
        });
    }

    private static JsonObject toJson(QueueDefinition definition) {
        try {
            return new JsonObject(JSON.writeValueAsString(definition));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static QueueDefinition fromJson(JsonObject json) {
        try {
            return JSON.readValue(json.encode(), QueueDefinition.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored queue definition unreadable", e);
        }
    }
}
