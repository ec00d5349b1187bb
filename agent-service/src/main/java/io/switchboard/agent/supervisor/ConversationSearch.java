package io.switchboard.agent.supervisor;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.panache.common.Page;
import io.quarkus.panache.common.Parameters;
import io.smallrye.mutiny.Uni;
import io.switchboard.agent.conversation.ConversationView;
import io.switchboard.messaging.http.ApiException;

/**
 * The supervisors' conversation search (issue 13): by customer, agent, queue, state and opening time, newest first,
 * a bounded page at a time with an opaque cursor (the last row's opening time and key). Each key holds its latest
 * episode ({@code agent.conversations} is one row per conversation key).
 */
@ApplicationScoped
public class ConversationSearch {

    public static final String QUEUED = "queued";
    public static final String ASSIGNED = "assigned";
    public static final String RESOLVED = "resolved";
    public static final String ABANDONED = "abandoned";
    /** Filter values besides the states: {@code open} (queued or assigned), {@code closed}, {@code any}. */
    static final Set<String> STATES = Set.of(QUEUED, ASSIGNED, RESOLVED, ABANDONED, "open", "closed", "any");
    public static final int MAX_PAGE = 200;

    /** What a supervisor asks for; null fields do not filter. */
    public record Filter(String customer, String agentId, String queueId, String state, Instant from, Instant to,
            String cursor, int limit) {
    }

    /** A page of conversations and the cursor of the next (null on the last). */
    public record Found(List<ConversationView> views, String nextCursor) {
    }

    /** The customer's id on the channel: the key {@code prefix:account:user}'s last part. */
    public static String customerOf(String conversationKey) {
        int first = conversationKey.indexOf(':');
        int second = first < 0 ? -1 : conversationKey.indexOf(':', first + 1);
        return second < 0 ? null : conversationKey.substring(second + 1);
    }

    @WithSession
    public Uni<Found> search(Filter filter) {
        String state = filter.state() == null ? "open" : filter.state();
        if (!STATES.contains(state)) {
            throw ApiException.badRequest("bad_state", "state must be one of " + String.join(", ",
                    STATES.stream().sorted().toList()));
        }
        List<String> where = new ArrayList<>();
        Parameters parameters = new Parameters();
        switch (state) {
            case "open" -> where.add("open = true");
            case "closed" -> where.add("open = false");
            case "any" -> {
            }
            default -> {
                where.add("state = :state");
                parameters.and("state", state);
            }
        }
        if (filter.customer() != null) {
            // The whole key, or the customer's id on the channel (a phone number, a PSID).
            where.add("(customerId = :customer or conversationKey = :customer)");
            parameters.and("customer", filter.customer());
        }
        if (filter.agentId() != null) {
            where.add("agentId = :agent");
            parameters.and("agent", filter.agentId());
        }
        if (filter.queueId() != null) {
            where.add("queueId = :queue");
            parameters.and("queue", filter.queueId());
        }
        if (filter.from() != null) {
            where.add("openedAt >= :from");
            parameters.and("from", filter.from());
        }
        if (filter.to() != null) {
            where.add("openedAt < :to");
            parameters.and("to", filter.to());
        }
        if (filter.cursor() != null) {
            Cursor after = Cursor.decode(filter.cursor());
            where.add("(openedAt < :afterAt or (openedAt = :afterAt and conversationKey > :afterKey))");
            parameters.and("afterAt", after.openedAt()).and("afterKey", after.conversationKey());
        }
        where.add("openedAt is not null");
        String query = String.join(" and ", where) + " order by openedAt desc, conversationKey";
        int limit = filter.limit();
        return ConversationView.<ConversationView>find(query, parameters).page(Page.ofSize(limit + 1)).list()
                .map(rows -> {
                    boolean more = rows.size() > limit;
                    List<ConversationView> page = more ? rows.subList(0, limit) : rows;
                    ConversationView last = page.isEmpty() ? null : page.get(page.size() - 1);
                    return new Found(List.copyOf(page), more ? new Cursor(last.openedAt, last.conversationKey)
                            .encode() : null);
                });
    }

    /** Where a page ended; opaque to clients (base64url of the opening instant and the key). */
    record Cursor(Instant openedAt, String conversationKey) {

        String encode() {
            return Base64.getUrlEncoder().withoutPadding().encodeToString(
                    (openedAt.toString() + "|" + conversationKey).getBytes(StandardCharsets.UTF_8));
        }

        static Cursor decode(String cursor) {
            try {
                String text = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
                int bar = text.indexOf('|');
                return new Cursor(Instant.parse(text.substring(0, bar)), text.substring(bar + 1));
            } catch (RuntimeException e) {
                throw ApiException.badRequest("bad_cursor", "cursor must be a nextCursor this API answered");
            }
        }
    }
}
