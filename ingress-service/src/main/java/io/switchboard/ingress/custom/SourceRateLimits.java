package io.switchboard.ingress.custom;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.enterprise.context.ApplicationScoped;

import io.switchboard.ingress.config.IngressConfig;

/**
 * One token bucket per custom source: {@code rate-per-second} refilled continuously, up to {@code rate-burst}
 * requests at once. Counts signed requests only (checked after the signature), so nobody without the secret can use
 * up a source's budget. Per replica: with n replicas a source may send up to n times the rate.
 */
@ApplicationScoped
public class SourceRateLimits {

    private final IngressConfig.Custom config;
    private final Map<String, Bucket> buckets = new ConcurrentHashMap<>();

    public SourceRateLimits(IngressConfig config) {
        this.config = config.custom();
    }

    /** Takes a request from the source's budget: 0 when allowed, else the whole seconds until one is (≥ 1). */
    public long take(String sourceId, IngressConfig.Custom.Source source) {
        Bucket bucket = buckets.computeIfAbsent(sourceId, id -> new Bucket(
                source.ratePerSecond().orElse(config.ratePerSecond()),
                source.rateBurst().orElse(config.rateBurst())));
        return bucket.take(System.nanoTime());
    }

    /** Tokens as a fraction, refilled on each take from the time passed. */
    static final class Bucket {
        private final double perNano;
        private final double capacity;
        private double tokens;
        private long refilledAt;

        Bucket(double perSecond, int burst) {
            this.perNano = perSecond / 1e9;
            this.capacity = Math.max(1, burst);
            this.tokens = capacity;
            this.refilledAt = System.nanoTime();
        }

        synchronized long take(long now) {
            tokens = Math.min(capacity, tokens + (now - refilledAt) * perNano);
            refilledAt = now;
            if (tokens >= 1) {
                tokens -= 1;
                return 0;
            }
            if (perNano <= 0) {
                return 3600;
            }
            return Math.max(1, (long) Math.ceil((1 - tokens) / perNano / 1e9));
        }
    }
}
