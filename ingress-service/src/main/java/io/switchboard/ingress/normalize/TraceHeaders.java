package io.switchboard.ingress.normalize;

import java.util.List;

import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;

/**
 * The W3C trace context of the raw record, carried onto the events normalized from it: Kafka Streams has no tracing
 * of its own here, and the events are built with fresh CloudEvent headers, so without this the trace of a webhook
 * would stop at the raw topic (ADR 0011).
 */
final class TraceHeaders {

    private static final List<String> NAMES = List.of("traceparent", "tracestate");

    private TraceHeaders() {
    }

    /** Only the trace context of {@code from}: the raw record's other headers are not the event's. */
    static Headers of(Headers from) {
        return copy(from, new RecordHeaders());
    }

    /** Adds the trace context of {@code from} to {@code to}, replacing any it had. */
    static Headers copy(Headers from, Headers to) {
        for (String name : NAMES) {
            Header header = from.lastHeader(name);
            if (header != null) {
                to.remove(name);
                to.add(header);
            }
        }
        return to;
    }
}
