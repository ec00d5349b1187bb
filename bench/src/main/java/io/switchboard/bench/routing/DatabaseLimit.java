package io.switchboard.bench.routing;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

import io.switchboard.bench.Database;

/**
 * The physical limit of routing on this machine: how many transactions of routing's shape for one new conversation
 * assigned at once (inbox claim, conversation insert, conditional capacity update, assignment update, two outbox
 * rows of ~1 KB with the outbox's per-key advisory lock and NOTIFY trigger) PostgreSQL commits per second, issued
 * from JDBC with prepared statements over {@code connections} connections. Runs in a schema of its own in
 * routing's database (copies of routing's tables with their indexes), so routing's own state is untouched.
 */
final class DatabaseLimit {

    private static final String SCHEMA = "bench_limit";
    private static final String[] TABLES = {"inbox", "conversations", "agent_load", "outbox"};
    /** ~1 KB, as a ConversationAssigned with its explanation. */
    private static final String PAYLOAD = "x".repeat(1000);

    private DatabaseLimit() {
    }

    /** What the run measured: committed transactions over the measured seconds. */
    record Result(int connections, long transactions, double seconds) {

        double perSecond() {
            return transactions / seconds;
        }
    }

    static Result measure(Database database, int connections, int agents, double warmupSeconds, double seconds)
            throws Exception {
        try (Connection c = database.server().connect(database.name()); Statement s = c.createStatement()) {
            s.execute("DROP SCHEMA IF EXISTS " + SCHEMA + " CASCADE");
            s.execute("CREATE SCHEMA " + SCHEMA);
            for (String table : TABLES) {
                s.execute("CREATE TABLE " + SCHEMA + "." + table + " (LIKE routing." + table + " INCLUDING ALL)");
            }
            // The same trigger as routing's outbox: a NOTIFY at commit (on a channel nobody listens to here).
            s.execute("CREATE TRIGGER outbox_notify AFTER INSERT ON " + SCHEMA + ".outbox"
                    + " FOR EACH STATEMENT EXECUTE FUNCTION routing.outbox_notify()");
            s.execute("INSERT INTO " + SCHEMA + ".agent_load (agent_id, channel, active, capacity)"
                    + " SELECT 'agent-' || g, 'whatsapp', 0, 1000000000 FROM generate_series(0, " + (agents - 1)
                    + ") g");
        }
        AtomicLong counted = new AtomicLong();
        AtomicInteger sequence = new AtomicInteger();
        AtomicReference<Exception> failure = new AtomicReference<>();
        long t0 = System.nanoTime();
        long measureFrom = t0 + (long) (warmupSeconds * 1e9);
        long end = measureFrom + (long) (seconds * 1e9);
        List<Thread> threads = new ArrayList<>();
        for (int i = 0; i < connections; i++) {
            Thread thread = new Thread(() -> {
                try (Connection c = database.server().connect(database.name())) {
                    Client client = new Client(c);
                    for (long now = System.nanoTime(); now < end && failure.get() == null; now = System.nanoTime()) {
                        int n = sequence.getAndIncrement();
                        client.transaction(n, "agent-" + Math.floorMod(n * 7919, agents));
                        if (System.nanoTime() >= measureFrom && System.nanoTime() < end) {
                            counted.incrementAndGet();
                        }
                    }
                } catch (Exception e) {
                    failure.compareAndSet(null, e);
                }
            }, "db-limit-" + i);
            threads.add(thread);
            thread.start();
        }
        for (Thread thread : threads) {
            thread.join();
        }
        if (failure.get() != null) {
            throw failure.get();
        }
        try (Connection c = database.server().connect(database.name()); Statement s = c.createStatement()) {
            s.execute("DROP SCHEMA " + SCHEMA + " CASCADE");
        }
        return new Result(connections, counted.get(), seconds);
    }

    /** One connection's prepared statements: the statements routing issues for one direct assignment. */
    private static final class Client {

        private final Connection connection;
        private final PreparedStatement inbox;
        private final PreparedStatement open;
        private final PreparedStatement reserve;
        private final PreparedStatement assign;
        private final PreparedStatement outbox;

        Client(Connection connection) throws SQLException {
            this.connection = connection;
            connection.setAutoCommit(false);
            inbox = connection.prepareStatement("INSERT INTO " + SCHEMA + ".inbox (event_id) VALUES (?)"
                    + " ON CONFLICT (event_id) DO NOTHING");
            open = connection.prepareStatement("INSERT INTO " + SCHEMA + ".conversations (conversation_id,"
                    + " conversation_key, channel, channel_account_id, queue_id, queue_version, priority, state)"
                    + " VALUES (?, ?, 'whatsapp', '106540352242922', 'default', 1, 0, 'queued')"
                    + " ON CONFLICT (conversation_key) WHERE closed_at IS NULL DO NOTHING RETURNING conversation_id");
            reserve = connection.prepareStatement("UPDATE " + SCHEMA + ".agent_load SET active = active + 1"
                    + " WHERE agent_id = ? AND channel = 'whatsapp' AND active < capacity");
            assign = connection.prepareStatement("UPDATE " + SCHEMA + ".conversations SET state = 'assigned',"
                    + " agent_id = ?, assigned_at = now() WHERE conversation_id = ? AND state = 'queued'");
            // The messaging core's Outbox.insertSql() shape: advisory lock on the key, then the row.
            outbox = connection.prepareStatement("WITH ordered AS (SELECT pg_advisory_xact_lock("
                    + "hashtextextended(coalesce(?::text, ''), 21314))) INSERT INTO " + SCHEMA + ".outbox (event_id,"
                    + " ce_type, topic, record_key, payload, traceparent) SELECT ?, ?, 'switchboard.routing.v1', ?,"
                    + " ?, NULL FROM ordered");
        }

        void transaction(int n, String agent) throws SQLException {
            String conversation = "conv-limit-" + n;
            String key = "wa:106540352242922:limit-" + n;
            inbox.setString(1, "wa:wamid.limit-" + n);
            inbox.executeUpdate();
            open.setString(1, conversation);
            open.setString(2, key);
            open.executeQuery().close();
            reserve.setString(1, agent);
            if (reserve.executeUpdate() != 1) {
                throw new IllegalStateException("capacity of " + agent + " not taken");
            }
            assign.setString(1, agent);
            assign.setString(2, conversation);
            assign.executeUpdate();
            for (String type : new String[] {"switchboard.conversation.queued", "switchboard.conversation.assigned"}) {
                outbox.setString(1, key);
                outbox.setString(2, conversation + ":" + type);
                outbox.setString(3, type);
                outbox.setString(4, key);
                outbox.setBytes(5, PAYLOAD.getBytes(java.nio.charset.StandardCharsets.UTF_8));
                outbox.executeUpdate();
            }
            connection.commit();
        }
    }
}
