/** Outbound commands from Kafka to a result: idempotency, retries, dead letters, results. */
package io.switchboard.outbound.delivery;
