package io.switchboard.routing.conversation;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.switchboard.events.Channel;
import io.switchboard.routing.selection.Candidate;
import io.switchboard.routing.store.Db;

/**
 * The candidates of one channel, read once per transaction for the conversations it opens (none of them has an
 * offer yet, so none has an agent who missed it) and kept current by the transaction's own decisions: a poll of
 * new conversations is ranked without reading the agents again for each. Capacity is still taken only by the
 * conditional update; this only orders the attempts.
 */
final class CandidateSnapshot {

    private record Key(Channel channel) {
    }

    private final Map<String, Candidate> byAgent = new LinkedHashMap<>();

    private CandidateSnapshot(List<Candidate> candidates) {
        candidates.forEach(c -> byAgent.put(c.agentId(), c));
    }

    /** This transaction's snapshot of the channel, read now if it has none. */
    static CandidateSnapshot of(Db db, Channel channel, String conversationId) {
        return db.attachment(new Key(channel), () -> new CandidateSnapshot(Candidates.load(db, channel,
                conversationId)));
    }

    /** This transaction's snapshot of the channel if it read one, else null. */
    static CandidateSnapshot ifRead(Db db, Channel channel) {
        return db.attachment(new Key(channel), () -> null);
    }

    List<Candidate> candidates() {
        return new ArrayList<>(byAgent.values());
    }

    /** One unit of the agent's capacity taken in this transaction. */
    void reserved(String agentId) {
        byAgent.computeIfPresent(agentId, (id, c) -> with(c, c.load() + 1, c.lastAssignedAt()));
    }

    /** The conditional update found no room (or the agent away): not tried first again in this transaction. */
    void full(String agentId) {
        byAgent.computeIfPresent(agentId, (id, c) -> with(c, Math.max(c.load(), c.capacity()), c.lastAssignedAt()));
    }

    void assigned(String agentId, Instant at) {
        byAgent.computeIfPresent(agentId, (id, c) -> with(c, c.load(), at));
    }

    private static Candidate with(Candidate c, int load, Instant lastAssignedAt) {
        return new Candidate(c.agentId(), c.presence(), c.active(), c.skills(), c.presenceSince(), lastAssignedAt,
                load, c.capacity(), false);
    }
}
