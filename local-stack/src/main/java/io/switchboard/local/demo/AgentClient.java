package io.switchboard.local.demo;

import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;

/** Plays an agent, or the admin who manages agents, over agent-service's REST API. */
public final class AgentClient {

    private final String base;
    private final String token;

    /** @param base e.g. {@code http://localhost:8083}; @param token a bearer token for this caller */
    public AgentClient(String base, String token) {
        this.base = base;
        this.token = token;
    }

    /** As an admin: creates (or replaces) an agent with a WhatsApp and Messenger capacity. */
    public JsonNode upsertAgent(String id, String displayName, Map<String, Integer> skills,
            Map<String, Integer> capacity) throws IOException, InterruptedException {
        List<Map<String, Object>> levels = skills.entrySet().stream()
                .map(e -> Map.<String, Object>of("skill", e.getKey(), "proficiency", e.getValue())).toList();
        Map<String, Object> profile = Map.of("id", id, "displayName", displayName, "languages", List.of("en"),
                "skills", levels, "capacity", capacity);
        try {
            return Http.call("POST", base + "/agents", token, profile);
        } catch (IOException e) {
            if (!e.getMessage().contains(" 409")) {
                throw e;
            }
            return Http.call("PUT", base + "/agents/" + id, token, profile);
        }
    }

    public JsonNode setPresence(String presence, String reason) throws IOException, InterruptedException {
        return Http.call("PUT", base + "/me/presence", token,
                reason == null ? Map.of("presence", presence) : Map.of("presence", presence, "reason", reason));
    }

    /** As an admin or integration: asks every service to erase a WhatsApp customer; the erasure's status. */
    public JsonNode eraseWhatsAppCustomer(String phone) throws IOException, InterruptedException {
        return Http.call("POST", base + "/admin/erasures", token,
                Map.of("identities", List.of(Map.of("channel", "whatsapp", "id", phone))));
    }

    /** As an admin or integration: an erasure's status, each service's outcome. */
    public JsonNode erasure(String erasureId) throws IOException, InterruptedException {
        return Http.call("GET", base + "/admin/erasures/" + path(erasureId), token, null);
    }

    /** As an admin: removes an agent from the directory. */
    public void deleteAgent(String id) throws IOException, InterruptedException {
        Http.call("DELETE", base + "/agents/" + path(id), token, null);
    }

    /** Resolves the agent's conversation; an already resolved one is fine. */
    public void resolve(String conversationKey, String disposition) throws IOException, InterruptedException {
        Http.call("POST", base + "/me/conversations/" + path(conversationKey) + "/resolve", token,
                Map.of("disposition", disposition), "Idempotency-Key", UUID.randomUUID().toString());
    }

    public void heartbeat() throws IOException, InterruptedException {
        Http.call("POST", base + "/me/heartbeat", token, null);
    }

    /**
     * Heartbeats in the background, as a front end's live connection sends them; without them agent-service sets
     * the agent offline after its grace period. Close the result to stop.
     */
    public AutoCloseable heartbeats(Duration every) {
        ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "heartbeats");
            t.setDaemon(true);
            return t;
        });
        timer.scheduleAtFixedRate(() -> {
            try {
                heartbeat();
            } catch (IOException e) {
                // The next beat tries again; a missed one matters only after the whole grace period.
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, 0, every.toMillis(), TimeUnit.MILLISECONDS);
        return timer::shutdownNow;
    }

    public JsonNode offers() throws IOException, InterruptedException {
        return Http.call("GET", base + "/me/offers", token, null);
    }

    public JsonNode accept(String offerId) throws IOException, InterruptedException {
        return Http.call("POST", base + "/me/offers/" + path(offerId) + "/accept", token, null,
                "Idempotency-Key", UUID.randomUUID().toString());
    }

    public JsonNode decline(String offerId, String reason) throws IOException, InterruptedException {
        return Http.call("POST", base + "/me/offers/" + path(offerId) + "/decline", token, Map.of("reason", reason),
                "Idempotency-Key", UUID.randomUUID().toString());
    }

    public JsonNode conversation(String conversationKey) throws IOException, InterruptedException {
        return Http.call("GET", base + "/me/conversations/" + path(conversationKey), token, null);
    }

    /** Every queue's figures (supervisor role). */
    public JsonNode supervisorQueues() throws IOException, InterruptedException {
        return Http.call("GET", base + "/supervisor/queues", token, null);
    }

    /** A page of agents with presence, load and conversations (supervisor role); {@code cursor} null for the first. */
    public JsonNode supervisorAgents(String cursor) throws IOException, InterruptedException {
        return Http.call("GET", base + "/supervisor/agents?limit=200" + (cursor == null ? "" : "&cursor="
                + path(cursor)), token, null);
    }

    /** An internal note on the conversation (never sent to the customer). */
    public JsonNode addNote(String conversationKey, String text) throws IOException, InterruptedException {
        return Http.call("POST", base + "/me/conversations/" + path(conversationKey) + "/notes", token,
                Map.of("text", text), "Idempotency-Key", UUID.randomUUID().toString());
    }

    /** A file the customer sent, streamed through agent-service ({@code GET /me/conversations/{key}/media/{id}}). */
    public Download media(String conversationKey, String mediaId) throws IOException, InterruptedException {
        return Http.download(base + "/me/conversations/" + path(conversationKey) + "/media/" + path(mediaId), token);
    }

    /**
     * A free-text reply; the idempotency key makes a retried click one send. {@code headers} are extra request headers
     * in pairs (a front end's {@code traceparent}, say).
     */
    public JsonNode replyText(String conversationKey, String text, String idempotencyKey, String... headers)
            throws IOException, InterruptedException {
        String[] all = Stream.concat(Stream.of("Idempotency-Key", idempotencyKey), Arrays.stream(headers))
                .toArray(String[]::new);
        return Http.call("POST", base + "/me/conversations/" + path(conversationKey) + "/replies", token,
                Map.of("kind", "text", "text", text), all);
    }

    /** A template reply, the only kind a closed window allows. */
    public JsonNode replyTemplate(String conversationKey, String name, String language, List<String> parameters,
            String idempotencyKey) throws IOException, InterruptedException {
        return Http.call("POST", base + "/me/conversations/" + path(conversationKey) + "/replies", token,
                Map.of("kind", "template", "template", Map.of("name", name, "language", language,
                        "parameters", parameters)), "Idempotency-Key", idempotencyKey);
    }

    private static String path(String segment) {
        return URLEncoder.encode(segment, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
