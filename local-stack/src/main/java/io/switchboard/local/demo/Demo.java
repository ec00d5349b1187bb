package io.switchboard.local.demo;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

import com.fasterxml.jackson.databind.JsonNode;

import io.switchboard.local.LocalStack;

/**
 * The scripted demo, against a running local stack: an agent logs in and goes available, a WhatsApp customer writes,
 * the agent accepts the offer and replies, the simulator receives the send and reports it delivered and read, and the
 * agent sees the receipts; the customer then sends a photo and a location, which the agent sees and opens
 * ({@link RichMessages}), and a supervisor looks at the queues and at the agent's load ({@link SupervisorView}). Every step goes through the real APIs; the stack's console prints the events as they pass.
 * <p>
 * {@code ./mvnw -q -pl local-stack -am compile exec:java@demo}
 */
public final class Demo {

    private static final Duration STEP = Duration.ofSeconds(60);
    private static long started;

    private Demo() {
    }

    public static void main(String[] args) throws Exception {
        Path checkout = LocalStack.checkout();
        Ports ports = Ports.fromSettings();
        LocalTokens tokens = LocalTokens.in(checkout.resolve(".local").resolve("jwt"));
        started = System.nanoTime();
        try {
            run(ports, tokens);
            say("done: the customer's message reached an agent, the reply was delivered and read.");
        } catch (Exception e) {
            say("FAILED: " + e.getMessage());
            say("is the stack running? ./mvnw -Prun package");
            System.exit(1);
        }
    }

    static void run(Ports ports, LocalTokens tokens) throws Exception {
        String agentId = "ava";
        AgentClient admin = new AgentClient(ports.agent(), tokens.mint("demo-admin", "admin"));
        admin.upsertAgent(agentId, "Ava (demo agent)", Map.of("support", 4), Map.of("whatsapp", 3, "messenger", 2));
        say("admin: agent '" + agentId + "' in the directory, capacity whatsapp 3, messenger 2");

        AgentClient ava = new AgentClient(ports.agent(), tokens.mint(agentId, "agent"));
        ava.setPresence("available", null);
        // Her front end's live connection: pushes what happens to her conversations and keeps her presence.
        try (LiveFeedClient live = LiveFeedClient.open(ports.agent(), tokens.mint(agentId, "agent"), 0,
                item -> say("ava's socket: #" + item.path("seq").asLong() + " " + item.path("type").asText() + " "
                        + item.path("conversationKey").asText()))) {
            say("ava: available, live socket open");
            serve(ports, ava, new AgentClient(ports.agent(), tokens.mint("demo-supervisor", "supervisor")));
        }
    }

    private static void serve(Ports ports, AgentClient ava, AgentClient supervisor) throws Exception {
        SimulatorClient simulator = new SimulatorClient(ports.simulator());
        String phone = "1650555" + String.format("%04d", ThreadLocalRandom.current().nextInt(10_000));
        String wamid = simulator.whatsAppCustomerWrites(ports.whatsAppNumber(), phone, "Sheena",
                "Hi! My order #1042 has not arrived yet.", Instant.now());
        say("customer +" + phone + " wrote on WhatsApp (" + wamid + ")");
        String whatsApp = handle(ava, simulator, phone, "Sorry about that! It ships today, tracking number follows.");
        RichMessages.play(simulator, ports.whatsAppNumber(), phone, "Sheena", ava, whatsApp, STEP, Demo::say);
        SupervisorView.show(supervisor, "ava", whatsApp, STEP, Demo::say);

        String psid = "72144894" + String.format("%08d", ThreadLocalRandom.current().nextInt(100_000_000));
        String mid = simulator.messengerCustomerWrites(ports.messengerPage(), psid, "Do you ship to Canada?");
        say("customer " + psid + " wrote on Messenger (" + mid + ")");
        String messenger = handle(ava, simulator, psid, "Yes, in 3 to 5 business days.");

        // Resolved only now: a resolution starts ava's wrap-up, during which she gets no offers.
        for (String key : new String[] {whatsApp, messenger}) {
            ava.resolve(key, "solved");
            say("ava: resolved " + key);
        }
    }

    /** Ava takes the customer's conversation, replies, and watches the reply reach the customer. */
    private static String handle(AgentClient ava, SimulatorClient simulator, String customer, String reply)
            throws Exception {
        JsonNode offer = Await.until("an offer for ava", STEP, () -> {
            for (JsonNode o : ava.offers()) {
                if (o.path("conversationKey").asText().endsWith(":" + customer)) {
                    return Optional.of(o);
                }
                // A conversation left from an earlier run (the stack keeps its state): not this demo's to take.
                ava.decline(o.path("offerId").asText(), "busy");
                say("ava: declined " + o.path("conversationKey").asText() + ", left from an earlier run");
            }
            return Optional.empty();
        });
        String key = offer.path("conversationKey").asText();
        say("ava: offered " + key + " until " + offer.path("expiresAt").asText());

        ava.accept(offer.path("offerId").asText());
        Await.until("the conversation assigned to ava with the customer's message", STEP, () -> {
            JsonNode c = ava.conversation(key);
            return c.path("transcript").size() > 0 ? Optional.of(c) : Optional.empty();
        });
        say("ava: accepted; the transcript shows the customer's message");

        ava.replyText(key, reply, UUID.randomUUID().toString());
        say("ava: replied");

        JsonNode sent = Await.until("the reply at the Graph API stand-in, delivered and read", STEP, () -> {
            for (JsonNode s : simulator.sent()) {
                if (s.path("recipient").asText().equals(customer) && s.path("receipts").toString().contains("read")) {
                    return Optional.of(s);
                }
            }
            return Optional.empty();
        });
        say("simulator: received the reply " + sent.path("messageId").asText() + " on " + sent.path("channel").asText()
                + ", reported " + sent.path("receipts"));

        JsonNode status = Await.until("the receipt in ava's transcript", STEP, () -> {
            for (JsonNode m : ava.conversation(key).path("transcript")) {
                if ("outbound".equals(m.path("direction").asText()) && "read".equals(m.path("status").asText())) {
                    return Optional.of(m);
                }
            }
            return Optional.empty();
        });
        say("ava: the reply shows as " + status.path("status").asText());
        return key;
    }

    private static void say(String line) {
        long ms = started == 0 ? 0 : (System.nanoTime() - started) / 1_000_000;
        System.out.printf("[demo %6d ms] %s%n", ms, line);
    }
}
