package io.switchboard.messaging.outbox;

import java.time.Duration;

/**
 * How a service's outbox relay runs.
 *
 * @param schema         the schema of the service's outbox and inbox tables
 * @param source         the CloudEvent {@code source} of the service's events
 * @param batchSize      rows published per transaction
 * @param interval       the safety-net pass, for a missed notification (commits wake the relay at once)
 * @param inboxRetention how long processed input ids are kept (null: the service keeps no inbox)
 */
public record RelaySettings(String schema, String source, int batchSize, Duration interval, Duration inboxRetention) {

    public RelaySettings {
        if (!schema.matches("[a-z_][a-z0-9_]*")) {
            throw new IllegalArgumentException("not a plain schema name: " + schema);
        }
        if (batchSize < 1) {
            throw new IllegalArgumentException("batch size must be positive: " + batchSize);
        }
    }
}
