package io.switchboard.local.demo;

import java.time.Duration;
import java.util.Optional;
import java.util.function.Consumer;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * What a supervisor's wallboard shows while an agent works: each queue's figures as routing publishes them, and the
 * agent with their presence, load and current conversations (agent-service's supervisor API). The demo prints it;
 * local-stack's {@code EndToEndTest} checks it.
 */
public final class SupervisorView {

    /** The agent's row, once it shows {@code conversationKey} among their conversations, and the queues then. */
    public record Seen(JsonNode agent, JsonNode queues) {
    }

    private SupervisorView() {
    }

    public static Seen show(AgentClient supervisor, String agentId, String conversationKey, Duration step,
            Consumer<String> say) throws Exception {
        JsonNode agent = Await.until("agent " + agentId + " holding the conversation, as supervisors see it", step,
                () -> row(supervisor, agentId).filter(a -> a.path("conversations").toString()
                        .contains(conversationKey)));
        JsonNode queues = supervisor.supervisorQueues();
        for (JsonNode queue : queues) {
            say.accept("supervisor: queue " + queue.path("queueId").asText() + ": " + queue.path("waiting").asInt()
                    + " waiting, " + queue.path("assigned").asInt() + " with agents, "
                    + queue.path("agentsAvailable").asInt() + " agents available");
        }
        say.accept("supervisor: " + agentId + " is " + agent.path("presence").asText() + ", load "
                + agent.path("load") + ", " + agent.path("conversations").size() + " conversation(s)");
        return new Seen(agent, queues);
    }

    private static Optional<JsonNode> row(AgentClient supervisor, String agentId) throws Exception {
        String cursor = null;
        do {
            JsonNode page = supervisor.supervisorAgents(cursor);
            for (JsonNode a : page.path("items")) {
                if (agentId.equals(a.path("id").asText())) {
                    return Optional.of(a);
                }
            }
            cursor = page.path("nextCursor").asText(null);
        } while (cursor != null);
        return Optional.empty();
    }
}
