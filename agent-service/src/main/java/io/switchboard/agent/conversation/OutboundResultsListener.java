package io.switchboard.agent.conversation;

import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;

import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.switchboard.agent.live.FeedTypes;
import io.switchboard.agent.live.LiveFeed;
import io.switchboard.events.ChannelError;
import io.switchboard.events.DeliveryFailed;
import io.switchboard.events.DeliveryProgressed;
import io.switchboard.events.DeliveryRetrying;
import io.switchboard.events.OutboundResultEvent;

/**
 * What became of the agents' replies: outbound-service's results, matched to the transcript by the reply's event id
 * (the results' {@code idempotencyKey}), move the reply's status forward only ({@link DeliveryStatus}) and are pushed
 * to the agents' feeds. Idempotent on the event id like {@link RoutingListener}.
 */
@ApplicationScoped
public class OutboundResultsListener {

    public static final String CHANNEL = "outbound-results";

    private final LiveFeed feed;
    private final Intake intake;

    public OutboundResultsListener(LiveFeed feed, Intake intake) {
        this.feed = feed;
        this.intake = intake;
    }

    @Incoming(CHANNEL)
    public Uni<Void> consume(ConsumerRecord<String, byte[]> record) {
        return intake.handle(CHANNEL, record, OutboundResultEvent.class, this::apply);
    }

    private Uni<Void> apply(OutboundResultEvent result) {
        // Results of commands other than replies (proactive templates, mark-read) have no transcript entry.
        return TranscriptEntry.<TranscriptEntry>find("eventId", result.idempotencyKey()).firstResult()
                .flatMap(entry -> entry == null ? Uni.createFrom().voidItem() : update(entry, result));
    }

    private Uni<Void> update(TranscriptEntry entry, OutboundResultEvent result) {
        String status = status(result);
        Uni<Void> window = Uni.createFrom().voidItem();
        if (result instanceof DeliveryFailed failed && failed.templateRequired()) {
            window = ConversationView.<ConversationView>findById(entry.conversationKey).invoke(view -> {
                if (view != null && view.templateRequiredSince == null) {
                    view.templateRequiredSince = failed.occurredAt() == null ? Instant.now() : failed.occurredAt();
                }
            }).replaceWithVoid();
        }
        if (!DeliveryStatus.advances(entry.deliveryStatus, status)) {
            return window;
        }
        entry.deliveryStatus = status;
        entry.deliveryReason = reason(result);
        DeliveryUpdate update = new DeliveryUpdate(entry.eventId, status, entry.deliveryReason,
                result instanceof DeliveryFailed failed ? failed.templateRequired() : null);
        return window.flatMap(ignored -> ConversationView.<ConversationView>findById(entry.conversationKey))
                .flatMap(view -> {
                    // The author, and whoever holds the conversation now if that is someone else.
                    Set<String> agents = new LinkedHashSet<>();
                    if (entry.agentId != null) {
                        agents.add(entry.agentId);
                    }
                    if (view != null && view.open && view.agentId != null) {
                        agents.add(view.agentId);
                    }
                    return Multi.createFrom().iterable(agents)
                            .onItem().transformToUniAndConcatenate(agentId -> feed.append(agentId,
                                    entry.conversationKey, FeedTypes.DELIVERY_UPDATED, update))
                            .collect().last().replaceWithVoid();
                });
    }

    private static String status(OutboundResultEvent result) {
        if (result instanceof DeliveryProgressed progressed) {
            return progressed.status().wireName();
        }
        if (result instanceof DeliveryFailed) {
            return DeliveryStatus.FAILED;
        }
        return result instanceof DeliveryRetrying ? DeliveryStatus.RETRYING : DeliveryStatus.ACCEPTED;
    }

    private static String reason(OutboundResultEvent result) {
        if (result instanceof DeliveryFailed failed) {
            return failed.category() == null ? failed.reason() : failed.category().wireName() + ": " + failed.reason();
        }
        if (result instanceof DeliveryRetrying retrying) {
            return retrying.reason();
        }
        if (result instanceof DeliveryProgressed progressed && !progressed.errors().isEmpty()) {
            ChannelError error = progressed.errors().get(0);
            return error.code() + " " + (error.message() != null ? error.message() : error.title());
        }
        return null;
    }
}
