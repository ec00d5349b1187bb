package io.switchboard.agent.supervisor;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import io.switchboard.agent.conversation.ConversationView;
import io.switchboard.agent.directory.Agent;
import io.switchboard.events.AgentPresence;

/**
 * One agent as a supervisor sees them: presence, load per channel against capacity, and the open conversations
 * assigned to them (agent-service's mirror of routing's assignments).
 */
@Schema(description = "An agent's presence, load and conversations", example = """
        {"id": "ana", "displayName": "Ana", "presence": "available", "presenceSince": "2026-11-25T17:00:00Z",
         "load": {"whatsapp": {"active": 2, "capacity": 3}, "messenger": {"active": 0, "capacity": 2}},
         "conversations": [{"conversationKey": "wa:106540352242922:16505551234", "conversationId": "c-1",
           "channel": "whatsapp", "queueId": "billing", "since": "2026-11-25T17:40:00Z"}]}""")
public record SupervisorAgent(String id, String displayName, AgentPresence presence, Instant presenceSince,
        String awayReason, Instant wrapUpUntil, Map<String, Load> load, List<Held> conversations) {

    /** Open conversations on a channel, and the most the agent takes there. */
    public record Load(int active, int capacity) {
    }

    /** An open conversation assigned to the agent; {@code since} is its last change. */
    public record Held(String conversationKey, String conversationId, String channel, String queueId,
            Instant since) {
    }

    static SupervisorAgent of(Agent agent, List<ConversationView> open) {
        Map<String, Load> load = new TreeMap<>();
        Map<String, Integer> capacity = agent.capacity == null ? Map.of() : agent.capacity;
        capacity.forEach((channel, most) -> load.put(channel, new Load(0, most)));
        for (ConversationView view : open) {
            String channel = view.channel.wireName();
            Load was = load.getOrDefault(channel, new Load(0, 0));
            load.put(channel, new Load(was.active() + 1, was.capacity()));
        }
        List<Held> held = open.stream().map(view -> new Held(view.conversationKey, view.conversationId,
                view.channel.wireName(), view.queueId, view.updatedAt)).toList();
        return new SupervisorAgent(agent.id, agent.displayName, agent.presence, agent.presenceSince,
                agent.awayReason, agent.wrapUpUntil, load, held);
    }
}
