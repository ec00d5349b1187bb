package io.switchboard.outbound.erasure;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.switchboard.messaging.erasure.KeyMatch;
import io.switchboard.messaging.logging.Pseudonyms;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * Who was erased, and when, by keyed pseudonym only ({@code erased_identities}). A record that was requested before
 * its customer's erasure but reaches outbound after it (a command redelivered after a crash, one still waiting on
 * the topic) is dropped instead of writing the customer's rows again or messaging them.
 */
@ApplicationScoped
public class ErasedCustomers {

    private static final Duration DATABASE_TIMEOUT = Duration.ofSeconds(10);

    private final Pool pool;

    public ErasedCustomers(Pool pool) {
        this.pool = pool;
    }

    /** Records the erasure of these pairs at {@code at}, in the erasing transaction. */
    Uni<Void> record(SqlConnection connection, List<KeyMatch.Pair> pairs, Instant at) {
        return Multi.createFrom().iterable(pairs)
                .onItem().transformToUniAndConcatenate(pair -> connection
                        .preparedQuery("INSERT INTO erased_identities (ref, erased_at) VALUES ($1, $2)"
                                + " ON CONFLICT (ref) DO UPDATE SET erased_at = GREATEST(erased_identities.erased_at,"
                                + " EXCLUDED.erased_at)")
                        .execute(Tuple.of(Pseudonyms.identity(pair.prefix(), pair.id()), at.atOffset(ZoneOffset.UTC))))
                .collect().last().replaceWithVoid();
    }

    /** True when the customer of {@code conversationKey} was erased at or after {@code requestedAt}. */
    public boolean erasedSince(String conversationKey, Instant requestedAt) {
        String ref = ref(conversationKey);
        if (ref == null || requestedAt == null) {
            return false;
        }
        return pool.preparedQuery("SELECT 1 FROM erased_identities WHERE ref = $1 AND erased_at >= $2")
                .execute(Tuple.of(ref, requestedAt.atOffset(ZoneOffset.UTC)))
                .await().atMost(DATABASE_TIMEOUT).size() > 0;
    }

    /** The pseudonym of the key's customer: its prefix and user part (after the second colon), as KeyMatch reads it. */
    public static String ref(String conversationKey) {
        if (conversationKey == null) {
            return null;
        }
        int first = conversationKey.indexOf(':');
        int second = first < 0 ? -1 : conversationKey.indexOf(':', first + 1);
        return second < 0 ? null
                : Pseudonyms.identity(conversationKey.substring(0, first), conversationKey.substring(second + 1));
    }
}
