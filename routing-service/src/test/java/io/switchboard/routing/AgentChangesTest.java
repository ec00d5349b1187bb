package io.switchboard.routing;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.switchboard.events.AgentActionRejected;
import io.switchboard.events.AgentPresence;
import io.switchboard.events.ConversationAssigned;
import io.switchboard.events.ConversationOfferDeclined;
import io.switchboard.events.ConversationOffered;
import io.switchboard.events.ConversationQueued;
import io.switchboard.events.ConversationTransferred;
import io.switchboard.events.EventType;
import io.switchboard.events.MessageReceived;
import io.switchboard.events.OfferAccepted;
import io.switchboard.events.ResolutionRequested;
import io.switchboard.events.TransferRequested;
import io.switchboard.testing.KafkaResource;
import io.switchboard.testing.PostgresResource;

/** Returning customers, agents leaving, and transfers, against the real broker and database. */
@QuarkusTest
@QuarkusTestResource(value = KafkaResource.class, initArgs = @ResourceArg(name = KafkaResource.TOPICS_ARG,
        value = "switchboard.inbound.v1:3,switchboard.agents.v1:3,switchboard.agent-actions.v1:3,"
                + "switchboard.routing.v1:3"))
@QuarkusTestResource(PostgresResource.class)
class AgentChangesTest extends RoutingTestBase {

    @Test
    void aReturningCustomerGoesBackToTheirLastAgentWhileAvailableElseToTheQueue() {
        // Given a first conversation handled and resolved by the longest idle agent
        String last = fresh("agent-last");
        String other = fresh("agent-other");
        availableAgent(last, Duration.ofMinutes(30), 2);
        availableAgent(other, Duration.ofMinutes(10), 2);
        MessageReceived first = message(fresh("user"));
        String key = first.conversationKey();
        send(first);
        String firstId = acceptAndResolve(key, last, 0);

        // When the customer comes back (the other agent is now the longest idle)
        send(message(first.customer().externalUserId()));

        // Then their last agent gets them, and says why
        ConversationOffered again = nth(key, EventType.CONVERSATION_OFFERED, 2);
        assertThat(again.conversationId()).isNotEqualTo(firstId);
        assertThat(again.agentId()).isEqualTo(last);
        assertThat(again.explanation().winnerReason()).startsWith("returning customer's last agent, idle ");
        acceptAndResolve(key, last, 1);

        // When they come back once more, but the last agent is away
        agent(last, AgentPresence.AWAY, 2, Instant.now(), 2, Map.of());
        send(message(first.customer().externalUserId()));

        // Then the queue decides
        ConversationOffered third = nth(key, EventType.CONVERSATION_OFFERED, 3);
        assertThat(third.agentId()).isEqualTo(other);
        assertThat(third.explanation().winnerReason()).startsWith("idle ").endsWith("longest of 1 eligible");
    }

    @Test
    void aReturningCustomerAfterTheStickyWindowGoesToTheQueue() {
        // Given a conversation resolved by one agent, longer ago than the window (8 h)
        String last = fresh("agent-last");
        String longest = fresh("agent-longest");
        availableAgent(last, Duration.ofMinutes(30), 2);
        MessageReceived first = message(fresh("user"));
        String key = first.conversationKey();
        send(first);
        String firstId = acceptAndResolve(key, last, 0);
        sql("UPDATE routing.conversations SET closed_at = now() - interval '9 hours' WHERE conversation_id = $1",
                firstId);
        availableAgent(longest, Duration.ofMinutes(60), 2);

        // When
        send(message(first.customer().externalUserId()));

        // Then
        ConversationOffered again = nth(key, EventType.CONVERSATION_OFFERED, 2);
        assertThat(again.agentId()).isEqualTo(longest);
    }

    @Test
    void anAgentGoingOfflineLosesOffersAndConversationsToSomeoneElse() {
        // Given an agent holding one assigned conversation and one pending offer, and a colleague away
        String leaving = fresh("agent-leaving");
        String colleague = fresh("agent-colleague");
        availableAgent(leaving, Duration.ofMinutes(5), 2);
        agent(colleague, AgentPresence.AWAY, 2, Instant.now(), 1, Map.of());
        MessageReceived assignedOne = message(fresh("user"));
        send(assignedOne);
        ConversationOffered offer = routing(assignedOne.conversationKey(), EventType.CONVERSATION_OFFERED);
        send(new OfferAccepted(fresh("req"), assignedOne.channel(), ACCOUNT, assignedOne.conversationKey(),
                offer.conversationId(), leaving, offer.offerId(), Instant.now()));
        routing(assignedOne.conversationKey(), EventType.CONVERSATION_ASSIGNED);
        MessageReceived offeredOne = message(fresh("user"));
        send(offeredOne);
        ConversationOffered pending = routing(offeredOne.conversationKey(), EventType.CONVERSATION_OFFERED);
        assertThat(pending.agentId()).isEqualTo(leaving);
        agent(colleague, AgentPresence.AVAILABLE, 2, Instant.now(), 2, Map.of());

        // When
        agent(leaving, AgentPresence.OFFLINE, 2, Instant.now(), 2, Map.of());

        // Then the offer is withdrawn and the conversation requeued, both offered to the colleague
        ConversationOfferDeclined withdrawn = routing(offeredOne.conversationKey(),
                EventType.CONVERSATION_OFFER_DECLINED);
        assertThat(withdrawn.offerId()).isEqualTo(pending.offerId());
        assertThat(withdrawn.reason()).isEqualTo("agent_offline");
        ConversationTransferred transferred = routing(assignedOne.conversationKey(),
                EventType.CONVERSATION_TRANSFERRED);
        assertThat(transferred.fromAgentId()).isEqualTo(leaving);
        assertThat(transferred.toAgentId()).isNull();
        assertThat(transferred.toQueueId()).isEqualTo("default");
        assertThat(transferred.reason()).isEqualTo("agent offline");
        List<ConversationQueued> queued = routing(assignedOne.conversationKey(), EventType.CONVERSATION_QUEUED, 2);
        assertThat(queued).extracting(ConversationQueued::reason).containsExactly("new_conversation",
                "agent_offline");
        ConversationOffered reoffered = nth(assignedOne.conversationKey(), EventType.CONVERSATION_OFFERED, 2);
        assertThat(reoffered.agentId()).isEqualTo(colleague);
        ConversationOffered offeredAgain = nth(offeredOne.conversationKey(), EventType.CONVERSATION_OFFERED, 2);
        assertThat(offeredAgain.agentId()).isEqualTo(colleague);
        assertThat(load(leaving)).isZero();
        assertThat(load(colleague)).isEqualTo(2);
    }

    @Test
    void transfersToAnAgentWithRoomToAQueueAndNotToAFullAgent() {
        // Given a conversation assigned to one agent, and two colleagues, one without room
        String owner = fresh("agent-owner");
        String colleague = fresh("agent-colleague");
        String full = fresh("agent-full");
        availableAgent(owner, Duration.ofMinutes(50), 1);
        MessageReceived message = message(fresh("user"));
        String key = message.conversationKey();
        send(message);
        ConversationOffered offer = routing(key, EventType.CONVERSATION_OFFERED);
        send(new OfferAccepted(fresh("req"), message.channel(), ACCOUNT, key, offer.conversationId(), owner,
                offer.offerId(), Instant.now()));
        routing(key, EventType.CONVERSATION_ASSIGNED);
        availableAgent(colleague, Duration.ofMinutes(1), 1);
        agent(full, AgentPresence.AVAILABLE, 0, Instant.now(), 1, Map.of());

        // When the owner transfers it to the agent without room
        TransferRequested refused = new TransferRequested(fresh("req"), message.channel(), ACCOUNT, key,
                offer.conversationId(), owner, full, null, "needs a specialist", Instant.now());
        send(refused);

        // Then it stays
        AgentActionRejected rejected = routing(key, EventType.AGENT_ACTION_REJECTED);
        assertThat(rejected.actionEventId()).isEqualTo(refused.eventId());
        assertThat(rejected.reason()).isEqualTo("target_at_capacity");

        // When to the colleague
        send(new TransferRequested(fresh("req"), message.channel(), ACCOUNT, key, offer.conversationId(), owner,
                colleague, null, "billing question", Instant.now()));

        // Then it is the colleague's at once, the owner's capacity released
        List<ConversationAssigned> assigned = routing(key, EventType.CONVERSATION_ASSIGNED, 2);
        assertThat(assigned.get(1).agentId()).isEqualTo(colleague);
        ConversationTransferred toAgent = routing(key, EventType.CONVERSATION_TRANSFERRED);
        assertThat(toAgent.fromAgentId()).isEqualTo(owner);
        assertThat(toAgent.toAgentId()).isEqualTo(colleague);
        assertThat(load(owner)).isZero();
        assertThat(load(colleague)).isEqualTo(1);

        // When the colleague sends it to a queue that does not exist, then to the default queue
        TransferRequested unknown = new TransferRequested(fresh("req"), message.channel(), ACCOUNT, key,
                offer.conversationId(), colleague, null, "no-such-queue", "wrong place", Instant.now());
        send(unknown);
        List<AgentActionRejected> rejections = routing(key, EventType.AGENT_ACTION_REJECTED, 2);
        assertThat(rejections).extracting(AgentActionRejected::reason).containsExactly("target_at_capacity",
                "unknown_queue");
        send(new TransferRequested(fresh("req"), message.channel(), ACCOUNT, key, offer.conversationId(), colleague,
                null, "default", "wrong place", Instant.now()));

        // Then it waits there again and is offered to whoever has room: the owner
        ConversationTransferred toQueue = nth(key, EventType.CONVERSATION_TRANSFERRED, 2);
        assertThat(toQueue.toQueueId()).isEqualTo("default");
        assertThat(toQueue.toAgentId()).isNull();
        ConversationQueued requeued = nth(key, EventType.CONVERSATION_QUEUED, 2);
        assertThat(requeued.reason()).isEqualTo("transferred");
        ConversationOffered offeredToOwner = nth(key, EventType.CONVERSATION_OFFERED, 2);
        assertThat(offeredToOwner.agentId()).isEqualTo(owner);
    }

    /** Accepts the {@code index}th offer of the key and resolves it; returns the conversation id. */
    private String acceptAndResolve(String key, String agentId, int index) {
        ConversationOffered offer = nth(key, EventType.CONVERSATION_OFFERED, index + 1);
        assertThat(offer.agentId()).isEqualTo(agentId);
        send(new OfferAccepted(fresh("req"), offer.channel(), ACCOUNT, key, offer.conversationId(), agentId,
                offer.offerId(), Instant.now()));
        routing(key, EventType.CONVERSATION_ASSIGNED, index + 1);
        send(new ResolutionRequested(fresh("req"), offer.channel(), ACCOUNT, key, offer.conversationId(), agentId,
                "solved", "done", Instant.now()));
        routing(key, EventType.CONVERSATION_RESOLVED, index + 1);
        return offer.conversationId();
    }
}
