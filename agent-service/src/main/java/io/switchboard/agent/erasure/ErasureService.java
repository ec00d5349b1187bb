package io.switchboard.agent.erasure;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.switchboard.agent.config.AgentConfig;
import io.switchboard.agent.outbox.AgentOutboxRelay;
import io.switchboard.agent.outbox.EventOutbox;
import io.switchboard.events.ErasureCompleted;
import io.switchboard.events.ErasureRequested;
import io.switchboard.messaging.logging.Pseudonyms;

/**
 * Erasures: recorded with agent-service's own part done and the request in the outbox, in one transaction; done
 * once every service of {@code switchboard.agent.erasure.services} answered, when the stored identities become
 * their pseudonyms. The same identities while one is pending answer that erasure; after it is done they are a new
 * one (which finds nothing left). The audit log names who asked, when, and the counts, never the identities.
 */
@ApplicationScoped
public class ErasureService {

    public static final String SERVICE = "agent-service";
    private static final Logger LOG = Logger.getLogger(ErasureService.class);

    private final ErasureStore store;
    private final AgentErasure erasure;
    private final EventOutbox outbox;
    private final AgentOutboxRelay relay;
    private final AgentConfig config;

    public ErasureService(ErasureStore store, AgentErasure erasure, EventOutbox outbox, AgentOutboxRelay relay,
            AgentConfig config) {
        this.store = store;
        this.erasure = erasure;
        this.outbox = outbox;
        this.relay = relay;
        this.config = config;
    }

    /** The erasure of these identities: a new one, or the one pending for the same identities. */
    public Uni<ErasureStatus> request(ErasureRequest body, String requestedBy) {
        List<ErasureRequested.Identity> identities = canonical(body);
        String fingerprint = Pseudonyms.conversation(identities.stream()
                .map(identity -> (identity.channel() == null ? "" : identity.channel().wireName()) + ":"
                        + identity.id())
                .collect(Collectors.joining("\n")));
        return Panache.withTransaction(() -> store.pendingFor(fingerprint).flatMap(pending -> pending != null
                ? Uni.createFrom().item(pending) : create(identities, fingerprint, requestedBy)))
                .invoke(relay::wake)
                .flatMap(erasureId -> Panache.withSession(() -> status(erasureId)));
    }

    private Uni<String> create(List<ErasureRequested.Identity> identities, String fingerprint, String requestedBy) {
        String erasureId = UUID.randomUUID().toString();
        return store.insert(erasureId, identities, fingerprint, requestedBy).flatMap(inserted -> !inserted
                ? store.pendingFor(fingerprint)
                : erasure.erase(identities)
                        .flatMap(removed -> expectEveryService(erasureId)
                                .flatMap(ignored -> store.complete(erasureId, SERVICE, removed, Instant.now()))
                                .invoke(() -> LOG.infof("erasure %s requested by %s: %d identities; %s removed %s",
                                        erasureId, requestedBy, identities.size(), SERVICE, removed)))
                        .flatMap(ignored -> outbox.append(new ErasureRequested(erasureId, identities, requestedBy,
                                Instant.now())))
                        .flatMap(ignored -> finishIfAnswered(erasureId))
                        .replaceWith(erasureId));
    }

    private Uni<Void> expectEveryService(String erasureId) {
        List<String> services = config.erasure().services().contains(SERVICE) ? config.erasure().services()
                : concat(config.erasure().services(), SERVICE);
        return Multi.createFrom().iterable(services)
                .onItem().transformToUniAndConcatenate(service -> store.expect(erasureId, service))
                .collect().last().replaceWithVoid();
    }

    /** A service's result, in the transaction of its inbox claim; a repeated or unexpected one changes nothing. */
    public Uni<Void> record(ErasureCompleted completed) {
        return store.complete(completed.erasureId(), completed.service(), completed.removed(),
                completed.completedAt() == null ? Instant.now() : completed.completedAt())
                .flatMap(recorded -> {
                    if (!recorded) {
                        return Uni.createFrom().voidItem();
                    }
                    LOG.infof("erasure %s: %s removed %s", completed.erasureId(), completed.service(),
                            completed.removed());
                    return finishIfAnswered(completed.erasureId());
                });
    }

    private Uni<Void> finishIfAnswered(String erasureId) {
        return store.outstanding(erasureId).flatMap(outstanding -> outstanding > 0 ? Uni.createFrom().voidItem()
                : store.pendingIdentities(erasureId).flatMap(identities -> identities == null
                        ? Uni.createFrom().voidItem()
                        : store.finish(erasureId, identities.stream()
                                .map(identity -> new ErasureRequested.Identity(identity.channel(),
                                        Pseudonyms.conversation(identity.id())))
                                .toList())
                                .invoke(() -> LOG.infof("erasure %s done: every service answered", erasureId))));
    }

    /** The erasure's status, or null when there is none of that id; inside a session. */
    public Uni<ErasureStatus> status(String erasureId) {
        return store.find(erasureId).map(stored -> stored == null ? null : new ErasureStatus(stored.erasureId(),
                stored.completedAt() == null ? ErasureStatus.PENDING : ErasureStatus.DONE, stored.identities(),
                stored.requestedBy(), stored.requestedAt(), stored.completedAt(),
                stored.services().stream().map(outcome -> new ErasureStatus.Outcome(outcome.service(),
                        outcome.completedAt() == null ? ErasureStatus.PENDING : ErasureStatus.DONE,
                        outcome.removed(), outcome.completedAt())).toList(),
                ErasureStatus.SKIPPED));
    }

    /** The identities sorted and without repeats, so the same customer gives the same fingerprint. */
    private static List<ErasureRequested.Identity> canonical(ErasureRequest body) {
        return body.identities().stream()
                .map(identity -> new ErasureRequested.Identity(identity.channel(), identity.id()))
                .distinct()
                .sorted(Comparator.comparing((ErasureRequested.Identity identity) -> identity.channel() == null ? ""
                        : identity.channel().wireName()).thenComparing(ErasureRequested.Identity::id))
                .toList();
    }

    private static List<String> concat(List<String> services, String service) {
        List<String> all = new ArrayList<>(services);
        all.add(service);
        return all;
    }
}
