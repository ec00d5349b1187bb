package io.switchboard.ingress.webhook;

import java.time.Duration;
import java.util.List;
import java.util.function.Supplier;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.jboss.logging.Logger;

import io.smallrye.mutiny.Uni;
import io.switchboard.ingress.config.IngressConfig;
import io.switchboard.messaging.http.ErrorBody;

/**
 * The answer every webhook endpoint gives: success only after Kafka acknowledged the raw record, 503 with
 * {@code Retry-After} when it did not (the channel retries; nothing is lost), a reasoned 4xx for bad input.
 */
@ApplicationScoped
public class WebhookIntake {

    private static final Logger LOG = Logger.getLogger(WebhookIntake.class);

    private final RawWebhookPublisher publisher;
    private final WebhookMetrics metrics;
    private final IngressConfig config;

    public WebhookIntake(RawWebhookPublisher publisher, WebhookMetrics metrics, IngressConfig config) {
        this.publisher = publisher;
        this.metrics = metrics;
        this.config = config;
    }

    /** Publishes the raw webhook, then answers with {@code onAcknowledged}; 503 when Kafka does not acknowledge. */
    public Uni<Response> accept(RawWebhook webhook, Supplier<Response> onAcknowledged) {
        long started = System.nanoTime();
        return publisher.publish(webhook)
                .map(ignored -> {
                    metrics.acknowledged(webhook.channel(), Duration.ofNanos(System.nanoTime() - started));
                    metrics.record(webhook.channel(), WebhookOutcome.ACCEPTED);
                    return onAcknowledged.get();
                })
                .onFailure().recoverWithItem(failure -> {
                    LOG.warnf("webhook not acknowledged by Kafka: channel=%s source=%s key=%s cause=%s",
                            webhook.channel(), webhook.source(), webhook.key(), failure.toString());
                    metrics.record(webhook.channel(), WebhookOutcome.UNAVAILABLE);
                    return Response.status(Response.Status.SERVICE_UNAVAILABLE)
                            .header("Retry-After", config.retryAfterSeconds())
                            .type(MediaType.APPLICATION_JSON)
                            .entity(ErrorBody.of(WebhookOutcome.UNAVAILABLE.code(),
                                    "events store unavailable, retry later"))
                            .build();
                });
    }

    /** A refusal with its reason; nothing was produced. */
    public Response refuse(String channel, WebhookOutcome outcome, String reason) {
        return refuse(channel, outcome, outcome.code(), reason, List.of());
    }

    /** A refusal with messaging's one error body: {@code code} for clients, the reason, each offending field. */
    public Response refuse(String channel, WebhookOutcome outcome, String code, String reason,
            List<String> violations) {
        metrics.record(channel, outcome);
        LOG.debugf("webhook refused: channel=%s outcome=%s reason=%s", channel, outcome.tag(), reason);
        return Response.status(outcome.status())
                .type(MediaType.APPLICATION_JSON)
                .entity(new ErrorBody(code, reason, violations))
                .build();
    }
}
