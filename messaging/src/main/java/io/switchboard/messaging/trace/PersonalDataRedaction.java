package io.switchboard.messaging.trace;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import jakarta.enterprise.context.ApplicationScoped;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.context.Context;
import io.opentelemetry.sdk.trace.ReadWriteSpan;
import io.opentelemetry.sdk.trace.ReadableSpan;
import io.opentelemetry.sdk.trace.SpanProcessor;
import io.switchboard.messaging.logging.Pseudonyms;

/**
 * Keeps customers' identifiers out of the spans every service exports (docs/privacy.md). Conversation keys hold phone
 * numbers and sit in two places the instrumentation records: the agents' API paths ({@code /conversations/{key}})
 * and the Kafka record key. Both are replaced by the conversation's keyed pseudonym as each span starts, before
 * anything can export it. Quarkus registers every {@link SpanProcessor} bean with the tracer.
 */
@ApplicationScoped
public class PersonalDataRedaction implements SpanProcessor {

    /** Attributes that carry a request's path or URL (current and older semantic conventions). */
    private static final List<AttributeKey<String>> URLS = List.of(AttributeKey.stringKey("url.path"),
            AttributeKey.stringKey("url.full"), AttributeKey.stringKey("http.target"),
            AttributeKey.stringKey("http.url"));
    /** Attributes that carry a Kafka record's key: a conversation key on every conversation topic. */
    private static final List<AttributeKey<String>> RECORD_KEYS = List.of(
            AttributeKey.stringKey("messaging.kafka.message.key"), AttributeKey.stringKey("messaging.kafka.message_key"));
    private static final Pattern CONVERSATION_IN_PATH = Pattern.compile("(/conversations/)([^/?#]+)");

    @Override
    public void onStart(Context parentContext, ReadWriteSpan span) {
        for (AttributeKey<String> key : URLS) {
            String value = span.getAttribute(key);
            if (value != null && value.contains("/conversations/")) {
                span.setAttribute(key, redactPath(value));
            }
        }
        for (AttributeKey<String> key : RECORD_KEYS) {
            String value = span.getAttribute(key);
            if (value != null) {
                span.setAttribute(key, Pseudonyms.conversation(value));
            }
        }
    }

    /** The path or URL with each conversation key after {@code /conversations/} replaced by its pseudonym. */
    static String redactPath(String pathOrUrl) {
        Matcher m = CONVERSATION_IN_PATH.matcher(pathOrUrl);
        StringBuilder redacted = new StringBuilder();
        while (m.find()) {
            // The pseudonym of the key itself (as logs name it), not of its percent-encoded form.
            String key = URLDecoder.decode(m.group(2), StandardCharsets.UTF_8);
            m.appendReplacement(redacted, Matcher.quoteReplacement(m.group(1) + Pseudonyms.conversation(key)));
        }
        return m.appendTail(redacted).toString();
    }

    @Override
    public boolean isStartRequired() {
        return true;
    }

    @Override
    public void onEnd(ReadableSpan span) {
    }

    @Override
    public boolean isEndRequired() {
        return false;
    }
}
