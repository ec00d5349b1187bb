package io.switchboard.ingress.normalize;

import java.time.Instant;

import io.switchboard.events.RawRef;

/**
 * What a normalizer knows besides the body.
 *
 * @param sourceId   the custom source id ({@code /webhooks/custom/{sourceId}}), or the Meta app name
 * @param receivedAt when ingress accepted the webhook
 * @param raw        where the raw webhook is kept
 */
public record WebhookContext(String sourceId, Instant receivedAt, RawRef raw) {
}
