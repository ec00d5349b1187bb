package io.switchboard.ingress.webhook;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import io.switchboard.messaging.http.ErrorBody;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.json.Json;
import io.vertx.ext.web.Router;

/**
 * Answers a webhook whose {@code Content-Length} is over {@link #MAX_BYTES} with 413 and messaging's error body
 * before the body is read. {@code quarkus.http.limits.max-body-size} (2 MiB) stays the hard stop for a chunked body,
 * which only the endpoint can measure; the raw topic takes records of 4 MiB, so whatever passes fits it.
 */
@ApplicationScoped
public class BodyLimitFilter {

    /** The largest webhook body, in bytes (1 MiB), as docs/custom-source.md §2.4 says. */
    public static final long MAX_BYTES = 1_048_576;

    private final WebhookMetrics metrics;

    public BodyLimitFilter(WebhookMetrics metrics) {
        this.metrics = metrics;
    }

    void install(@Observes Router router) {
        router.route("/webhooks/*").order(-1000).handler(context -> {
            String length = context.request().getHeader(HttpHeaders.CONTENT_LENGTH);
            long bytes = parse(length);
            if (bytes <= MAX_BYTES) {
                context.next();
                return;
            }
            metrics.record(family(context.request().path()), WebhookOutcome.TOO_LARGE);
            context.response().setStatusCode(413)
                    .putHeader(HttpHeaders.CONTENT_TYPE, "application/json")
                    .putHeader(HttpHeaders.CONNECTION, "close")
                    .end(Json.encode(ErrorBody.of(WebhookOutcome.TOO_LARGE.code(), "the body is " + bytes
                            + " bytes, more than " + MAX_BYTES + " (1 MiB)")));
        });
    }

    private static String family(String path) {
        if (path.startsWith("/webhooks/custom")) {
            return "custom";
        }
        return path.startsWith("/webhooks/telegram") ? "telegram" : "meta";
    }

    private static long parse(String length) {
        if (length == null) {
            return -1;
        }
        try {
            return Long.parseLong(length.trim());
        } catch (NumberFormatException e) {
            return -1;
        }
    }
}
