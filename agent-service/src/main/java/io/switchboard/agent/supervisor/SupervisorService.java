package io.switchboard.agent.supervisor;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.panache.common.Page;
import io.smallrye.mutiny.Uni;
import io.switchboard.agent.conversation.ConversationView;
import io.switchboard.agent.directory.Agent;

/** Reads for supervisors: every queue's figures, and agents with their load and conversations, a page at a time. */
@ApplicationScoped
public class SupervisorService {

    /** Queues are few (routing bounds them); this caps the answer all the same. */
    static final int MAX_QUEUES = 1000;

    @WithSession
    public Uni<List<SupervisorQueue>> queues() {
        Instant now = Instant.now();
        return QueueStatsRow.<QueueStatsRow>find("order by queueId").page(Page.ofSize(MAX_QUEUES)).list()
                .map(rows -> rows.stream().map(row -> SupervisorQueue.of(row, now)).toList());
    }

    /** Active agents by id after {@code cursor} (exclusive), at most {@code limit}. */
    @WithSession
    public Uni<List<SupervisorAgent>> agents(String cursor, int limit) {
        Uni<List<Agent>> page = (cursor == null
                ? Agent.<Agent>find("active = true order by id")
                : Agent.<Agent>find("active = true and id > ?1 order by id", cursor)).page(Page.ofSize(limit)).list();
        return page.flatMap(agents -> {
            if (agents.isEmpty()) {
                return Uni.createFrom().item(List.<SupervisorAgent>of());
            }
            List<String> ids = agents.stream().map(agent -> agent.id).toList();
            return ConversationView.<ConversationView>list("open = true and agentId in ?1 order by updatedAt", ids)
                    .map(open -> {
                        Map<String, List<ConversationView>> byAgent = open.stream()
                                .collect(Collectors.groupingBy(view -> view.agentId));
                        return agents.stream().map(agent -> SupervisorAgent.of(agent,
                                byAgent.getOrDefault(agent.id, List.of()))).toList();
                    });
        });
    }
}
