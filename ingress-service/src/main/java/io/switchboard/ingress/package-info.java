/**
 * ingress-service: channel webhooks in, Kafka events out. A webhook is verified, kept verbatim on the raw topic and
 * only then acknowledged; a Kafka Streams topology normalizes, deduplicates and publishes the events.
 */
package io.switchboard.ingress;
