package io.switchboard.local;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import com.fasterxml.jackson.databind.JsonNode;

import io.switchboard.local.demo.AgentClient;
import io.switchboard.local.demo.Await;
import io.switchboard.local.demo.LiveFeedClient;
import io.switchboard.local.demo.LocalTokens;
import io.switchboard.local.demo.RichMessages;
import io.switchboard.local.demo.SupervisorView;
import io.switchboard.local.demo.Ports;
import io.switchboard.local.demo.SimulatorClient;

/**
 * The whole system as a newcomer runs it: the four packaged services, one Kafka broker (its own JVM), PostgreSQL and
 * the channel simulator, started by the local stack on free ports with databases of their own; customers and agents
 * played over the real APIs only.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class EndToEndTest {

    private static final Duration STEP = Duration.ofSeconds(90);
    /** What customers told the stack that logs and spans may never hold (docs/privacy.md), beside their numbers. */
    private static final List<String> PERSONAL = List.of("Sheena", "Omar", "Lena", "Where is my order?", "Thanks!",
            "Any news?", "Still there?", "It ships today.", "Free text after the window", RichMessages.CAPTION,
            RichMessages.PLACE);
    private static final Set<String> PHONES = ConcurrentHashMap.newKeySet();

    private static LocalStack stack;
    private static Ports ports;
    private static LocalTokens tokens;
    private static SimulatorClient customers;
    private static AgentClient admin;
    /** What a test leaves behind that would take the next test's customers: its agents and their conversations. */
    private final Deque<AutoCloseable> cleanups = new ArrayDeque<>();

    @BeforeAll
    static void startTheSystem() throws Exception {
        Path checkout = LocalStack.checkout();
        for (Service s : LocalStack.SERVICES) {
            if (!Files.isRegularFile(s.jar(checkout))) {
                fail(s.jar(checkout) + " is missing: the end-to-end test runs the packaged services; run it through "
                        + "`./mvnw verify` from the checkout root, which packages them first");
            }
        }
        String run = Long.toString(System.currentTimeMillis(), 36);
        for (String name : List.of("kafka", "kafka-controller", "ingress", "routing", "agent", "outbound", "simulator",
                "ingress-management", "routing-management", "agent-management", "outbound-management")) {
            System.setProperty("switchboard.local." + name + "-port", Integer.toString(freePort()));
        }
        System.setProperty("switchboard.local.database-suffix", "_e2e_" + run);
        System.setProperty("switchboard.local.receipt-delay-ms", "200");
        System.setProperty("switchboard.local.ready-timeout", "240");
        stack = new LocalStack(checkout, checkout.resolve("local-stack/target/e2e-" + run));
        stack.dropDatabasesOnStop();
        stack.start();

        ports = Ports.fromSettings();
        for (Service s : LocalStack.SERVICES) {
            String management = "http://localhost:" + s.managementPort();
            assertEquals(200, status(management + "/q/health/ready"), s.name() + " is not ready");
        }
        tokens = stack.tokens();
        customers = new SimulatorClient(ports.simulator());
        admin = new AgentClient(ports.agent(), tokens.mint("e2e-admin", "admin"));
    }

    @AfterEach
    void removeThisTestsAgents() throws Exception {
        // Best effort, newest first: a conversation that moved to another agent is no longer this one's to resolve.
        for (AutoCloseable cleanup : cleanups) {
            try {
                cleanup.close();
            } catch (Exception e) {
                System.out.println("cleanup: " + e.getMessage());
            }
        }
    }

    @AfterAll
    static void stopTheSystem() {
        if (stack != null) {
            stack.stop();
        }
    }

    @Test
    void everyServiceTrustsTheStacksTokensAndOnlyThem() throws Exception {
        assertEquals(401, status(ports.routing() + "/routing/queues", null));
        assertEquals(403, status(ports.routing() + "/routing/queues", tokens.mint("e2e-agent", "agent")));
        assertEquals(200, status(ports.routing() + "/routing/queues", tokens.mint("e2e-admin", "admin")));
        assertEquals(401, status(ports.agent() + "/agents", null));
        assertEquals(200, status(ports.agent() + "/agents", tokens.mint("e2e-supervisor", "supervisor")));
        // Health is on the management port only: the API port does not serve it.
        assertNotEquals(200, status(ports.outbound() + "/q/health/ready", null));
    }

    @Test
    void aCustomerMessageReachesAnAgentAndTheReplyIsDeliveredAndRead() throws Exception {
        String avaId = "e2e-ava-" + suffix();
        AgentClient ava = availableAgent(avaId, Map.of("whatsapp", 3));
        LiveFeedClient live = LiveFeedClient.open(ports.agent(), tokens.mint(avaId, "agent"), 0, item -> { });
        cleanups.push(live);
        String phone = newPhone();
        String webhookTrace = newTraceId();
        customers.whatsAppCustomerWrites(ports.whatsAppNumber(), phone, "Sheena", "Where is my order?", Instant.now(),
                traceparent(webhookTrace));

        JsonNode offered = live.await("offer.made", i -> i.path("conversationKey").asText().endsWith(":" + phone), STEP);
        assertTrue(Instant.parse(offered.path("data").path("expiresAt").asText()).isAfter(Instant.now().minusSeconds(5)),
                "the offer carries its deadline: " + offered);
        String key = acceptOffer(ava, phone);
        live.await("conversation.assigned", i -> key.equals(i.path("conversationKey").asText()), STEP);
        live.await("message.received", i -> key.equals(i.path("conversationKey").asText())
                && "Where is my order?".equals(i.path("data").path("text").asText()), STEP);
        JsonNode conversation = Await.until("the customer's message in ava's transcript", STEP, () -> {
            JsonNode c = ava.conversation(key);
            return c.path("transcript").toString().contains("Where is my order?") ? Optional.of(c) : Optional.empty();
        });
        assertEquals("whatsapp", conversation.path("channel").asText());

        String replyTrace = newTraceId();
        ava.replyText(key, "It ships today.", UUID.randomUUID().toString(), "traceparent", traceparent(replyTrace));
        JsonNode sent = Await.until("the reply at the Graph stand-in, delivered and read", STEP,
                () -> sentTo(phone).filter(s -> s.path("receipts").toString().contains("read")));
        assertEquals(ports.whatsAppNumber(), sent.path("account").asText());
        assertEquals("text", sent.path("body").path("type").asText());
        assertEquals("It ships today.", sent.path("body").path("text").path("body").asText());
        assertEquals("[\"sent\",\"delivered\",\"read\"]", sent.path("receipts").toString());
        assertTrue(sent.path("traceparent").asText().contains(replyTrace),
                "the Graph call continues the trace of the agent's reply: " + sent.path("traceparent"));

        Await.until("the read receipt on the reply in ava's transcript", STEP, () -> outboundWithStatus(ava, key, "read"));
        live.await("delivery.updated", i -> key.equals(i.path("conversationKey").asText())
                && "read".equals(i.path("data").path("status").asText()), STEP);

        // The front end drops its connection and comes back: what it had seen is not sent again, nothing is lost.
        long seen = live.lastSeq();
        live.close();
        customers.whatsAppCustomerWrites(ports.whatsAppNumber(), phone, "Sheena", "Thanks!", Instant.now());
        Await.until("the customer's thanks in ava's transcript", STEP, () -> Optional.of(ava.conversation(key))
                .filter(c -> c.path("transcript").toString().contains("Thanks!")));
        LiveFeedClient back = LiveFeedClient.open(ports.agent(), tokens.mint(avaId, "agent"), seen, item -> { });
        cleanups.push(back);
        JsonNode thanks = back.await("message.received", i -> "Thanks!".equals(i.path("data").path("text").asText()),
                STEP);
        assertEquals(seen + 1, back.items().get(0).path("seq").asLong(), "resumed right after the last item seen");
        assertTrue(thanks.path("seq").asLong() > seen);

        // One trace follows the message through every Kafka hop; another, the reply to the channel call.
        Await.until("spans of the webhook's trace from ingress, routing and agent-service", STEP, () -> Optional.of(
                customers.servicesInTrace(webhookTrace)).filter(s -> s.toString().contains("ingress-service")
                        && s.toString().contains("routing-service") && s.toString().contains("agent-service")));
        Await.until("spans of the reply's trace from agent-service and outbound-service", STEP, () -> Optional.of(
                customers.servicesInTrace(replyTrace)).filter(s -> s.toString().contains("agent-service")
                        && s.toString().contains("outbound-service")));
    }

    /**
     * The demo's photo and location: in the transcript with their content, the photo opened through agent-service;
     * and the demo's supervisor view, which shows the agent holding the conversation.
     */
    @Test
    void aPhotoAndALocationReachTheAgentWithTheirContent() throws Exception {
        String gusId = "e2e-gus-" + suffix();
        AgentClient gus = availableAgent(gusId, Map.of("whatsapp", 3));
        String phone = newPhone();
        customers.whatsAppCustomerWrites(ports.whatsAppNumber(), phone, "Omar", "Any news?", Instant.now());
        String key = acceptOffer(gus, phone);

        RichMessages.Seen seen = RichMessages.play(customers, ports.whatsAppNumber(), phone, "Omar", gus, key, STEP,
                line -> { });

        JsonNode media = seen.image().path("content").path("media").path(0);
        assertEquals("image/png", media.path("mimeType").asText(), "the photo's entry: " + seen.image());
        assertEquals(RichMessages.CAPTION, seen.image().path("content").path("text").asText());
        assertEquals("image/png", seen.photo().contentType());
        assertArrayEquals(RichMessages.PHOTO, seen.photo().bytes(), "the photo as the customer sent it");
        JsonNode where = seen.location().path("content").path("location");
        assertEquals(52.521918, where.path("latitude").asDouble(), 1e-9, "the location: " + seen.location());
        assertEquals(13.413215, where.path("longitude").asDouble(), 1e-9);
        assertEquals(RichMessages.PLACE, where.path("name").asText());

        AgentClient supervisor = new AgentClient(ports.agent(), tokens.mint("e2e-supervisor", "supervisor"));
        SupervisorView.Seen board = SupervisorView.show(supervisor, gusId, key, STEP, line -> { });
        assertEquals("available", board.agent().path("presence").asText(), "gus as supervisors see him: "
                + board.agent());
        assertTrue(board.agent().path("load").path("whatsapp").path("active").asInt() >= 1, "gus's load: "
                + board.agent());
        assertTrue(board.queues().size() >= 1, "the queues routing published: " + board.queues());
    }

    @Test
    void freeTextIntoAClosedWindowIsRefusedAndATemplateGoesThrough() throws Exception {
        AgentClient bea = availableAgent("e2e-bea-" + suffix(), Map.of("whatsapp", 3));
        String phone = newPhone();
        // The customer's last message is 25 hours old: WhatsApp's 24-hour customer service window has closed.
        customers.whatsAppCustomerWrites(ports.whatsAppNumber(), phone, "Omar", "Any news?",
                Instant.now().minus(Duration.ofHours(25)));
        String key = acceptOffer(bea, phone);

        boolean refusedAtOnce = false;
        try {
            bea.replyText(key, "Free text after the window", UUID.randomUUID().toString());
        } catch (IOException e) {
            refusedAtOnce = e.getMessage().contains(" 4");
        }
        if (!refusedAtOnce) {
            Await.until("the free-text reply failed for the closed window", STEP,
                    () -> outboundWithStatus(bea, key, "failed"));
        }
        bea.replyTemplate(key, "order_update", "en_US", List.of("1042"), UUID.randomUUID().toString());
        JsonNode sent = Await.until("the template at the Graph stand-in", STEP, () -> sentTo(phone));
        assertEquals("template", sent.path("body").path("type").asText(), "only the template may reach the customer");
        assertEquals("order_update", sent.path("body").path("template").path("name").asText());
        assertTrue(customers.sent().findValues("recipient").stream().filter(r -> r.asText().equals(phone)).count() == 1,
                "the free text must never reach the channel: " + customers.sent());
    }

    @Test
    void aConversationWhoseAgentGoesOfflineGoesToAnotherAgent() throws Exception {
        String id = suffix();
        AgentClient cai = availableAgent("e2e-cai-" + id, Map.of("whatsapp", 1));
        String phone = newPhone();
        customers.whatsAppCustomerWrites(ports.whatsAppNumber(), phone, "Lena", "Hello?", Instant.now());
        String key = acceptOffer(cai, phone);

        AgentClient dee = availableAgent("e2e-dee-" + id, Map.of("whatsapp", 1));
        cai.setPresence("offline", null);
        String requeued = acceptOffer(dee, phone);
        assertEquals(key, requeued);

        customers.whatsAppCustomerWrites(ports.whatsAppNumber(), phone, "Lena", "Still there?", Instant.now());
        Await.until("the customer's next message in dee's transcript", STEP, () -> {
            JsonNode c = dee.conversation(key);
            return c.path("transcript").toString().contains("Still there?") ? Optional.of(c) : Optional.empty();
        });
    }

    @Test
    void anErasedCustomerIsGoneFromEveryTableOfEveryService() throws Exception {
        // Their identifiers, their words, their photo and the agent's note about them: nothing of it stays.
        AgentClient eve = availableAgent("e2e-eve-" + suffix(), Map.of("whatsapp", 3));
        String phone = newPhone();
        // Two conversations: the first answered and resolved, the second still open when the erasure comes.
        customers.whatsAppCustomerWrites(ports.whatsAppNumber(), phone, "Sheena", "Where is my order?", Instant.now());
        String key = acceptOffer(eve, phone);
        eve.replyText(key, "It ships today.", UUID.randomUUID().toString());
        Await.until("the reply at the Graph stand-in", STEP, () -> sentTo(phone));
        eve.resolve(key, "solved");
        // Words only this customer wrote, to look for afterwards; the second conversation also has a photo.
        String parcel = "parcel " + suffix();
        customers.whatsAppCustomerWrites(ports.whatsAppNumber(), phone, "Sheena", "Thanks! Is " + parcel + " here?",
                Instant.now());
        acceptOffer(eve, phone);
        Await.until("the second message in the transcript", STEP, () -> Optional.of(eve.conversation(key))
                .filter(c -> c.path("transcript").toString().contains(parcel)));
        String mediaId = RichMessages.play(customers, ports.whatsAppNumber(), phone, "Sheena", eve, key, STEP,
                line -> { }).image().path("content").path("media").path(0).path("mediaId").asText();
        eve.addNote(key, "Sheena asks about " + parcel + ", photo of the damage sent");

        String erasureId = admin.eraseWhatsAppCustomer(phone).path("erasureId").asText();
        JsonNode done = Await.until("every service erased the customer", STEP, () -> Optional.of(
                admin.erasure(erasureId)).filter(e -> "done".equals(e.path("status").asText())));
        assertTrue(done.path("services").size() >= 3, "agent, routing and outbound answered: " + done);

        // Every row of every table of every service's database, as text: none names the customer any more.
        List<String> found = rowsNaming(phone);
        assertEquals(List.of(), found, "rows that still name the erased customer");
        assertEquals(List.of(), rowsNaming(parcel), "rows that still hold what the customer wrote");
        assertEquals(List.of(), rowsNaming(mediaId), "rows that still name the customer's photo");
        // A second request finds nothing left anywhere.
        String again = admin.eraseWhatsAppCustomer(phone).path("erasureId").asText();
        JsonNode second = Await.until("the second erasure done", STEP, () -> Optional.of(admin.erasure(again))
                .filter(e -> "done".equals(e.path("status").asText())));
        for (JsonNode service : second.path("services")) {
            service.path("removed").fields().forEachRemaining(count -> assertEquals(0, count.getValue().asLong(),
                    service.path("service").asText() + " removed " + count.getKey() + " again: " + second));
        }
    }

    /**
     * A crash in the middle of an erasure: outbound-service dies (SIGKILL) while its erasing transaction, having
     * deleted the customer's deliveries, waits on a lock the test holds on the next table. Its connection dies with it,
     * so nothing of the half-done erasure is committed, and neither is the request's offset. Started again, outbound
     * is handed the request anew (once the dead member's session has expired), erases everything and answers, and the
     * status turns done.
     */
    @Test
    void anErasureCutShortByACrashFinishesWhenTheServiceIsBack() throws Exception {
        AgentClient fay = availableAgent("e2e-fay-" + suffix(), Map.of("whatsapp", 3));
        String phone = newPhone();
        customers.whatsAppCustomerWrites(ports.whatsAppNumber(), phone, "Lena", "Still there?", Instant.now());
        String key = acceptOffer(fay, phone);
        fay.replyText(key, "It ships today.", UUID.randomUUID().toString());
        Await.until("the reply at the Graph stand-in", STEP, () -> sentTo(phone));
        Service outbound = LocalStack.service("outbound");
        Await.until("outbound's delivery row", STEP, () -> Optional.of(rowsNaming(phone))
                .filter(rows -> rows.stream().anyMatch(r -> r.startsWith("outbound outbound.deliveries:"))));

        String erasureId;
        cleanups.push(EndToEndTest::outboundRunning);
        try (Connection locker = stack.connectTo(outbound); Connection watcher = stack.connectTo(outbound)) {
            locker.setAutoCommit(false);
            try (Statement sql = locker.createStatement()) {
                sql.execute("LOCK TABLE outbound.conversation_windows IN ACCESS EXCLUSIVE MODE");
            }
            erasureId = admin.eraseWhatsAppCustomer(phone).path("erasureId").asText();
            Await.until("outbound's erasure mid-way, waiting on the lock", STEP, () -> Optional.of(watcher)
                    .filter(EndToEndTest::anErasureWaitsOnTheWindows));
            stack.process("outbound").kill();
            locker.rollback();
        }
        JsonNode midway = admin.erasure(erasureId);
        assertEquals("pending", midway.path("status").asText(), "outbound has not answered: " + midway);
        assertTrue(rowsNaming(phone).stream().anyMatch(r -> r.startsWith("outbound outbound.deliveries:")),
                "the deliveries the dead transaction had deleted are still there: " + rowsNaming(phone));

        String restarted = stack.process("outbound").restart(Duration.ofSeconds(240));
        assertTrue(restarted.contains("ready"), "outbound is back: " + restarted);
        JsonNode done = Await.until("the erasure done after outbound's restart", STEP, () -> Optional.of(
                admin.erasure(erasureId)).filter(e -> "done".equals(e.path("status").asText())));
        for (JsonNode service : done.path("services")) {
            if ("outbound-service".equals(service.path("service").asText())) {
                assertTrue(service.path("removed").path("deliveries").asLong() >= 1, "outbound erased: " + done);
            }
        }
        // The reply command, its offset not committed at the kill, is read again after the erasure: outbound knows the
        // customer was erased after it was written and neither sends nor records it (ErasedCustomers).
        List<String> left = rowsNaming(phone);
        assertEquals(List.of(), left, "rows that still name the erased customer");
        long sends = 0;
        for (JsonNode s : customers.sent()) {
            sends += s.path("recipient").asText().equals(phone) ? 1 : 0;
        }
        assertEquals(1, sends, "the reply reached the customer once, not again after the erasure");
    }

    /** Should the crash test fail half-way, the tests after it still find outbound-service running. */
    private static void outboundRunning() throws Exception {
        ServiceProcess outbound = stack.process("outbound");
        if (!outbound.child().isAlive()) {
            outbound.restart(Duration.ofSeconds(240));
        }
    }

    /** outbound's erasing statement on the windows, blocked behind the test's lock. */
    private static boolean anErasureWaitsOnTheWindows(Connection watcher) {
        try (Statement sql = watcher.createStatement(); ResultSet rows = sql.executeQuery("SELECT count(*) FROM"
                + " pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock'"
                + " AND query LIKE 'DELETE FROM conversation_windows%'")) {
            rows.next();
            return rows.getLong(1) > 0;
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Every row of every table of every service's database, as text, that holds {@code needle}: "service table: n". */
    private static List<String> rowsNaming(String needle) throws Exception {
        List<String> found = new ArrayList<>();
        for (Service s : LocalStack.SERVICES) {
            if (s.database() == null) {
                continue;
            }
            try (Connection db = stack.connectTo(s); Statement sql = db.createStatement()) {
                List<String> tables = new ArrayList<>();
                try (ResultSet rows = sql.executeQuery("SELECT table_schema || '.' || table_name FROM"
                        + " information_schema.tables WHERE table_type = 'BASE TABLE'"
                        + " AND table_schema NOT IN ('pg_catalog', 'information_schema')")) {
                    while (rows.next()) {
                        tables.add(rows.getString(1));
                    }
                }
                assertTrue(tables.size() > 3, s.name() + " has its tables: " + tables);
                for (String table : tables) {
                    try (ResultSet rows = sql.executeQuery("SELECT count(*) FROM " + table + " t WHERE t::text LIKE '%"
                            + needle + "%'")) {
                        rows.next();
                        if (rows.getLong(1) > 0) {
                            found.add(s.name() + " " + table + ": " + rows.getLong(1));
                        }
                    }
                }
            }
        }
        return found;
    }

    /**
     * Last, after every conversation above: the services' logs (at their production level, INFO) and the spans they
     * exported name no customer's phone number, name or message text; conversations appear by pseudonym only.
     */
    @Test
    @Order(Integer.MAX_VALUE)
    void noPhoneNumberNameOrTextInTheServicesLogsOrSpans() throws Exception {
        List<String> needles = new ArrayList<>(PHONES);
        needles.addAll(PERSONAL);
        assertTrue(PHONES.size() >= 3, "the conversations above ran first: " + PHONES);
        List<String> found = new ArrayList<>();
        for (Service s : LocalStack.SERVICES) {
            Path log = stack.runDirectory().resolve(s.name() + ".log");
            assertTrue(Files.size(log) > 0, log + " holds the service's log");
            try (var lines = Files.lines(log)) {
                lines.filter(line -> needles.stream().anyMatch(line::contains))
                        .forEach(line -> found.add(s.name() + ": " + line));
            }
        }
        assertEquals(List.of(), found, "personal data in the services' logs");
        // The exporter sends spans every second (local stack's setting): wait for the last ones.
        Thread.sleep(3_000);
        assertEquals("{}", customers.inSpans(needles).toString(), "personal data in the exported spans");
    }

    private AgentClient availableAgent(String id, Map<String, Integer> capacity) throws Exception {
        admin.upsertAgent(id, id, Map.of("support", 3), capacity);
        cleanups.push(() -> admin.deleteAgent(id));
        AgentClient agent = new AgentClient(ports.agent(), tokens.mint(id, "agent"));
        cleanups.push(agent.heartbeats(Duration.ofSeconds(5)));
        agent.setPresence("available", null);
        return agent;
    }

    /**
     * Waits for the agent's offer of the customer's conversation, accepts it, returns the conversation key. The
     * conversation is resolved when the test ends.
     */
    private String acceptOffer(AgentClient agent, String phone) throws Exception {
        JsonNode offer = Await.until("an offer of +" + phone + "'s conversation", STEP, () -> {
            for (JsonNode o : agent.offers()) {
                if (o.path("conversationKey").asText().endsWith(":" + phone)) {
                    return Optional.of(o);
                }
            }
            return Optional.empty();
        });
        agent.accept(offer.path("offerId").asText());
        String key = offer.path("conversationKey").asText();
        Await.until("the conversation assigned", STEP, () -> Optional.of(agent.conversation(key)));
        cleanups.push(() -> agent.resolve(key, "solved"));
        return key;
    }

    private static Optional<JsonNode> sentTo(String phone) throws Exception {
        for (JsonNode s : customers.sent()) {
            if (s.path("recipient").asText().equals(phone)) {
                return Optional.of(s);
            }
        }
        return Optional.empty();
    }

    private static Optional<JsonNode> outboundWithStatus(AgentClient agent, String key, String status)
            throws Exception {
        for (JsonNode m : agent.conversation(key).path("transcript")) {
            if ("outbound".equals(m.path("direction").asText()) && status.equals(m.path("status").asText())) {
                return Optional.of(m);
            }
        }
        return Optional.empty();
    }

    private static String newTraceId() {
        return UUID.randomUUID().toString().replace("-", "");
    }

    private static String traceparent(String traceId) {
        return "00-" + traceId + "-" + traceId.substring(0, 16) + "-01";
    }

    private static String newPhone() {
        String phone = "1650" + (1_000_000 + (long) (Math.random() * 8_999_999));
        PHONES.add(phone);
        return phone;
    }

    private static String suffix() {
        return Long.toString(System.nanoTime(), 36);
    }

    private static int status(String url) throws Exception {
        return status(url, null);
    }

    private static int status(String url, String token) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
