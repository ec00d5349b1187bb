package io.switchboard.outbound.delivery;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.function.Supplier;

/**
 * Runs work one at a time per key and concurrently across keys: one conversation's replies leave in order, while a
 * conversation that waits (rate limit, back-off) holds up no other.
 */
final class PerKeyQueue {

    private final ConcurrentMap<String, CompletableFuture<Void>> tails = new ConcurrentHashMap<>();

    /** Starts {@code work} after the key's previous work finished, however that ended. */
    CompletableFuture<Void> submit(String key, Supplier<CompletableFuture<Void>> work) {
        CompletableFuture<Void> done = new CompletableFuture<>();
        CompletableFuture<Void> previous = tails.put(key, done);
        CompletableFuture<Void> start = previous == null ? CompletableFuture.completedFuture(null)
                : previous.handle((ignored, failure) -> null);
        start.thenCompose(ignored -> work.get()).whenComplete((ignored, failure) -> {
            tails.remove(key, done);
            if (failure == null) {
                done.complete(null);
            } else {
                done.completeExceptionally(failure);
            }
        });
        return done;
    }

    int keys() {
        return tails.size();
    }
}
