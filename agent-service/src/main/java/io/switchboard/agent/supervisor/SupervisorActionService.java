package io.switchboard.agent.supervisor;

import java.time.Instant;
import java.util.function.Function;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;
import io.switchboard.agent.conversation.ActionAccepted;
import io.switchboard.agent.conversation.ActionIds;
import io.switchboard.agent.conversation.ConversationView;
import io.switchboard.agent.conversation.IdempotencyKeys;
import io.switchboard.agent.directory.AgentStates;
import io.switchboard.agent.outbox.EventOutbox;
import io.switchboard.events.AssignmentRequested;
import io.switchboard.events.ConversationEvent;
import io.switchboard.events.EventType;
import io.switchboard.events.ResolutionRequested;
import io.switchboard.events.TransferRequested;
import io.switchboard.messaging.http.ApiException;

/**
 * A supervisor's actions on any open conversation: requests to routing, like the agents' (idempotency key per
 * supervisor, event id derived from it), with the supervisor as the actor. Routing answers on the routing topic;
 * the supervisors' feed shows the outcome ({@code agent.conversation}, {@code action.rejected}).
 */
@ApplicationScoped
public class SupervisorActionService {

    /** The disposition of a conversation a supervisor closed. */
    public static final String CLOSED_BY_SUPERVISOR = "closed_by_supervisor";

    private final EventOutbox outbox;
    private final IdempotencyKeys keys;
    private final AgentStates states;

    public SupervisorActionService(EventOutbox outbox, IdempotencyKeys keys, AgentStates states) {
        this.outbox = outbox;
        this.keys = keys;
        this.states = states;
    }

    @WithTransaction
    public Uni<ActionAccepted> assign(String supervisorId, String conversationKey, String key,
            SupervisorRequests.Assignment body) {
        return open(conversationKey).flatMap(view -> once(supervisorId, key, EventType.ASSIGNMENT_REQUESTED,
                conversationKey, id -> states.findActive(body.agentId()).replaceWith(new AssignmentRequested(id,
                        view.channel, view.channelAccountId, conversationKey, view.conversationId, supervisorId,
                        body.agentId(), body.reason(), Instant.now()))));
    }

    @WithTransaction
    public Uni<ActionAccepted> transfer(String supervisorId, String conversationKey, String key,
            SupervisorRequests.Transfer body) {
        boolean toAgent = body.agentId() != null && !body.agentId().isBlank();
        boolean toQueue = body.queueId() != null && !body.queueId().isBlank();
        if (toAgent == toQueue) {
            throw ApiException.badRequest("transfer_target_required", "name exactly one of agentId and queueId");
        }
        return open(conversationKey).flatMap(view -> once(supervisorId, key, EventType.TRANSFER_REQUESTED,
                conversationKey, id -> (toAgent ? states.findActive(body.agentId()).replaceWithVoid()
                        : Uni.createFrom().voidItem()).replaceWith(new TransferRequested(id, view.channel,
                                view.channelAccountId, conversationKey, view.conversationId, supervisorId,
                                toAgent ? body.agentId() : null, toQueue ? body.queueId() : null, body.reason(),
                                Instant.now(), TransferRequested.SUPERVISOR))));
    }

    @WithTransaction
    public Uni<ActionAccepted> close(String supervisorId, String conversationKey, String key,
            SupervisorRequests.Close body) {
        return open(conversationKey).flatMap(view -> once(supervisorId, key, EventType.RESOLUTION_REQUESTED,
                conversationKey, id -> Uni.createFrom().item(new ResolutionRequested(id, view.channel,
                        view.channelAccountId, conversationKey, view.conversationId, supervisorId,
                        CLOSED_BY_SUPERVISOR, body.reason(), Instant.now(), TransferRequested.SUPERVISOR))));
    }

    private Uni<ActionAccepted> once(String supervisorId, String key, EventType type, String conversationKey,
            Function<String, Uni<? extends ConversationEvent>> create) {
        String id = ActionIds.eventId(supervisorId, key);
        ActionAccepted answer = new ActionAccepted(id, type.ceType(), conversationKey);
        return keys.claim(supervisorId, key, type.ceType(), conversationKey).flatMap(claimed -> claimed
                ? create.apply(id).flatMap(outbox::append).replaceWith(answer)
                : Uni.createFrom().item(answer));
    }

    // Error messages never repeat the key: it may hold a phone number.
    private static Uni<ConversationView> open(String conversationKey) {
        return ConversationView.<ConversationView>findById(conversationKey).map(view -> {
            if (view == null) {
                throw ApiException.notFound("unknown_conversation", "no conversation with that key");
            }
            if (!view.open) {
                throw ApiException.conflict("conversation_closed", "the conversation was resolved or abandoned");
            }
            return view;
        });
    }
}
