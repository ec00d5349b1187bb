package io.switchboard.routing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.switchboard.events.AgentActionRejected;
import io.switchboard.events.AgentPresence;
import io.switchboard.events.AssignmentRequested;
import io.switchboard.events.ConversationAssigned;
import io.switchboard.events.ConversationQueued;
import io.switchboard.events.ConversationResolved;
import io.switchboard.events.ConversationTransferred;
import io.switchboard.events.EventType;
import io.switchboard.events.MessageReceived;
import io.switchboard.events.ResolutionRequested;
import io.switchboard.events.TransferRequested;
import io.switchboard.testing.KafkaResource;
import io.switchboard.testing.PostgresResource;

/**
 * A supervisor's actions on anyone's conversation (issue 13): force-assign to a named agent who is not offline, even
 * beyond their capacity; transfer and close whoever has it; each answered on the routing topic.
 */
@QuarkusTest
@QuarkusTestResource(value = KafkaResource.class, initArgs = @ResourceArg(name = KafkaResource.TOPICS_ARG,
        value = "switchboard.inbound.v1:3,switchboard.agents.v1:3,switchboard.agent-actions.v1:3,"
                + "switchboard.routing.v1:3,switchboard.queue-stats.v1:3"))
@QuarkusTestResource(PostgresResource.class)
class SupervisorActionsTest extends RoutingTestBase {

    private static final String SUPERVISOR = "sup-1";

    @Test
    void aSupervisorForceAssignsBeyondCapacityThenTransfersAndClosesWhateverTheAgentHolds() {
        // Given two waiting conversations, an agent who is away with room for one, and an agent who is offline
        String account = fresh("acct");
        QueueAdmin.put(fresh("sup"), QueueAdmin.queue("channelAccountId == '" + account + "'", 7)).statusCode(200);
        MessageReceived first = message(account, fresh("user"), "hello");
        MessageReceived second = message(account, fresh("user"), "hello");
        send(first);
        send(second);
        ConversationQueued firstQueued = routing(first.conversationKey(), EventType.CONVERSATION_QUEUED);
        ConversationQueued secondQueued = routing(second.conversationKey(), EventType.CONVERSATION_QUEUED);
        String ana = fresh("ana");
        agent(ana, AgentPresence.AWAY, 1, Instant.now(), 1, Map.of());
        String bo = fresh("bo");
        agent(bo, AgentPresence.OFFLINE, 3, Instant.now(), 1, Map.of());

        // When the supervisor assigns the first to the offline agent
        AssignmentRequested toBo = assignment(firstQueued, bo);
        send(toBo);

        // Then it is refused, and nothing moves
        AgentActionRejected refused = routing(first.conversationKey(), EventType.AGENT_ACTION_REJECTED);
        assertThat(refused.reason()).isEqualTo("agent_offline");
        assertThat(refused.actionEventId()).isEqualTo(toBo.eventId());
        assertThat(refused.agentId()).isEqualTo(SUPERVISOR);

        // When the supervisor assigns both to the away agent, who has room for one
        AssignmentRequested firstToAna = assignment(firstQueued, ana);
        AssignmentRequested secondToAna = assignment(secondQueued, ana);
        send(firstToAna);
        send(secondToAna);

        // Then both are hers, named by the supervisor's actions, and her load exceeds her capacity
        ConversationAssigned firstAssigned = routing(first.conversationKey(), EventType.CONVERSATION_ASSIGNED);
        ConversationAssigned secondAssigned = routing(second.conversationKey(), EventType.CONVERSATION_ASSIGNED);
        assertThat(firstAssigned.agentId()).isEqualTo(ana);
        assertThat(firstAssigned.actionEventId()).isEqualTo(firstToAna.eventId());
        assertThat(firstAssigned.explanation().winnerReason()).startsWith("assigned by a supervisor");
        assertThat(secondAssigned.agentId()).isEqualTo(ana);
        assertThat(load(ana)).isEqualTo(2);

        // When the supervisor moves the first back to its queue and closes the second
        TransferRequested transfer = new TransferRequested("sup-" + UUID.randomUUID(), first.channel(),
                first.channelAccountId(), first.conversationKey(), firstQueued.conversationId(), SUPERVISOR, null,
                null, "rebalancing", Instant.now(), TransferRequested.SUPERVISOR);
        ResolutionRequested close = new ResolutionRequested("sup-" + UUID.randomUUID(), second.channel(),
                second.channelAccountId(), second.conversationKey(), secondQueued.conversationId(), SUPERVISOR,
                "closed_by_supervisor", "spam", Instant.now(), TransferRequested.SUPERVISOR);
        send(transfer);
        send(close);

        // Then the first left Ana for its queue and waits again; the second is closed, naming Ana and the action
        ConversationTransferred transferred = routing(first.conversationKey(), EventType.CONVERSATION_TRANSFERRED);
        assertThat(transferred.fromAgentId()).isEqualTo(ana);
        assertThat(transferred.actionEventId()).isEqualTo(transfer.eventId());
        ConversationQueued again = nth(first.conversationKey(), EventType.CONVERSATION_QUEUED, 2);
        assertThat(again.conversationId()).isEqualTo(firstQueued.conversationId());
        ConversationResolved resolved = routing(second.conversationKey(), EventType.CONVERSATION_RESOLVED);
        assertThat(resolved.agentId()).isEqualTo(ana);
        assertThat(resolved.actionEventId()).isEqualTo(close.eventId());
        assertThat(resolved.reason()).isEqualTo("spam");
        await().atMost(Duration.ofSeconds(10)).until(() -> load(ana) == 0);
        assertThat(sql("SELECT state FROM routing.conversations WHERE conversation_id = $1",
                secondQueued.conversationId()).iterator().next().getString("state")).isEqualTo("resolved");
    }

    private static AssignmentRequested assignment(ConversationQueued queued, String agentId) {
        return new AssignmentRequested("sup-" + UUID.randomUUID(), queued.channel(), queued.channelAccountId(),
                queued.conversationKey(), queued.conversationId(), SUPERVISOR, agentId, "VIP", Instant.now());
    }
}
