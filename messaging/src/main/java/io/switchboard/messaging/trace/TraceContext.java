package io.switchboard.messaging.trace;

import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;

import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.propagation.TextMapGetter;

/**
 * W3C trace context across the places OpenTelemetry's instrumentation does not reach (ADR 0011): kept with an
 * outbox row and restored on the record the relay publishes, and carried from one Kafka record to the records made
 * from it (Kafka Streams has no tracing of its own here).
 */
public final class TraceContext {

    public static final String TRACEPARENT = "traceparent";
    public static final String TRACESTATE = "tracestate";
    private static final List<String> HEADERS = List.of(TRACEPARENT, TRACESTATE);
    private static final TextMapGetter<String> GETTER = new TextMapGetter<>() {
        @Override
        public Iterable<String> keys(String traceparent) {
            return Set.of(TRACEPARENT);
        }

        @Override
        public String get(String traceparent, String key) {
            return TRACEPARENT.equals(key) ? traceparent : null;
        }
    };

    private TraceContext() {
    }

    /** The current span's {@code traceparent}; null outside a trace. */
    public static String current() {
        Map<String, String> carrier = new HashMap<>(2);
        W3CTraceContextPropagator.getInstance().inject(Context.current(), carrier, Map::put);
        return carrier.get(TRACEPARENT);
    }

    /** The context a stored {@code traceparent} names; the root context when there is none. */
    public static Context restore(String traceparent) {
        return traceparent == null ? Context.root()
                : W3CTraceContextPropagator.getInstance().extract(Context.root(), traceparent, GETTER);
    }

    /** Sets {@code traceparent} on {@code headers} (nothing when null), replacing any it had. */
    public static Headers put(Headers headers, String traceparent) {
        if (traceparent != null) {
            headers.remove(TRACEPARENT);
            headers.add(TRACEPARENT, traceparent.getBytes(StandardCharsets.US_ASCII));
        }
        return headers;
    }

    /** Adds the trace context headers of {@code from} to {@code to}, replacing any it had. */
    public static Headers copy(Headers from, Headers to) {
        for (String name : HEADERS) {
            Header header = from.lastHeader(name);
            if (header != null) {
                to.remove(name);
                to.add(header);
            }
        }
        return to;
    }
}
