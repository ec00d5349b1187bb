package io.switchboard.messaging.erasure;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import io.switchboard.events.ErasureRequested;

/**
 * Which conversation keys an erasure names, in SQL: the same rule as {@link ErasureRequested.Identity#matches}
 * (the key's user part, after the second colon, is the id; its prefix is the channel's, or any channel's). The
 * account in the middle is unknown to the requester, so no index helps: an erasure reads every key of a table,
 * which is rare enough. {@code KeyMatchTest} holds the two forms to the same answers.
 */
public final class KeyMatch {

    private KeyMatch() {
    }

    /** One (prefix, id) pair to match: a statement per pair keeps the parameters scalars for every SQL client. */
    public record Pair(String prefix, String id) {
    }

    /** The distinct pairs of {@code identities}: an identity without a channel gives one per channel prefix. */
    public static List<Pair> pairs(List<ErasureRequested.Identity> identities) {
        Set<Pair> pairs = new LinkedHashSet<>();
        for (ErasureRequested.Identity identity : identities) {
            for (String prefix : identity.prefixes()) {
                pairs.add(new Pair(prefix, identity.id()));
            }
        }
        return new ArrayList<>(pairs);
    }

    /**
     * A predicate true for the values of {@code column} that are conversation keys of parameter {@code $prefix}'s
     * prefix whose user part is parameter {@code $id}. {@code column} is the caller's literal, never input.
     */
    public static String predicate(String column, int prefix, int id) {
        return "(" + column + " ~ '^[^:]*:[^:]*:' AND split_part(" + column + ", ':', 1) = $" + prefix
                + " AND regexp_replace(" + column + ", '^[^:]*:[^:]*:', '') = $" + id + ")";
    }
}
