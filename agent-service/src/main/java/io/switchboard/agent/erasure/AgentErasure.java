package io.switchboard.agent.erasure;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.switchboard.agent.outbox.SessionSql;
import io.switchboard.events.ErasureRequested;
import io.switchboard.messaging.erasure.KeyMatch;

/**
 * What agent-service removes for an erasure, in the caller's transaction: the live feed's items of the customer's
 * conversations, their transcript, offers, notes, tags, episodes, the customer's profile, the conversations
 * themselves and the agents' request keys on them. Runs in the request's own transaction,
 * so agent-service's part is done (or not at all) when the request is recorded.
 */
@ApplicationScoped
public class AgentErasure {

    /** Store (table) and the column that holds the conversation key, in the order they are emptied. */
    private static final Map<String, String> STORES = stores();

    private static Map<String, String> stores() {
        Map<String, String> stores = new LinkedHashMap<>();
        stores.put("feed", "conversation_key");
        stores.put("transcript", "conversationKey");
        stores.put("offers", "conversationKey");
        // The customer's profile (name, identities), episodes, and the internal notes and tags on them (issue 13).
        stores.put("notes", "conversationKey");
        stores.put("conversation_tags", "conversationKey");
        stores.put("episodes", "conversationKey");
        stores.put("customers", "conversationKey");
        stores.put("conversations", "conversationKey");
        // An agent's request key remembers the conversation key it acted on: it names the customer too.
        stores.put("idempotency_keys", "record_key");
        return stores;
    }

    /** Removes the customer's rows; the counts per store. */
    public Uni<Map<String, Long>> erase(List<ErasureRequested.Identity> identities) {
        Map<String, Long> removed = new LinkedHashMap<>();
        STORES.keySet().forEach(store -> removed.put(store, 0L));
        return Multi.createFrom().iterable(KeyMatch.pairs(identities))
                .onItem().transformToUniAndConcatenate(pair -> Multi.createFrom().iterable(STORES.entrySet())
                        .onItem().transformToUniAndConcatenate(store -> SessionSql.execute("DELETE FROM agent."
                                + store.getKey() + " WHERE " + KeyMatch.predicate(store.getValue(), 1, 2),
                                pair.prefix(), pair.id())
                                .invoke(count -> removed.merge(store.getKey(), count.longValue(), Long::sum)))
                        .collect().last())
                .collect().last()
                .replaceWith(removed);
    }
}
