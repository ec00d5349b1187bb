/**
 * The ingest benchmark: {@link io.switchboard.bench.IngestBench} posts distinct signed WhatsApp webhooks at fixed
 * rates to ingress-service and to {@link io.switchboard.bench.BareEndpoint}, the machine's raw limit (HTTP in, Kafka
 * produce, 200 after the ack, nothing else), each in its own JVM, against a real Kafka broker; it prints throughput and
 * latency percentiles of both side by side and checks that every acknowledged webhook is on its topic. A tool, not a
 * test: see bench/README.md.
 */
package io.switchboard.bench;
