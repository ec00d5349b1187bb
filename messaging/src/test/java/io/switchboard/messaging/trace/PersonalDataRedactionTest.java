package io.switchboard.messaging.trace;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Collection;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import io.opentelemetry.sdk.trace.export.SpanExporter;
import io.switchboard.messaging.logging.Pseudonyms;

class PersonalDataRedactionTest {

    private static final String KEY = "wa:106540352242922:16505551234";

    @BeforeAll
    static void secret() {
        System.setProperty(Pseudonyms.KEY, "a-pseudonym-secret-of-32-bytes!!");
    }

    @Test
    void aConversationKeyInAPathBecomesItsPseudonym() {
        String redacted = PersonalDataRedaction.redactPath(
                "/me/conversations/wa%3A106540352242922%3A16505551234/replies?x=1");

        assertThat(redacted).isEqualTo("/me/conversations/" + Pseudonyms.conversation(KEY) + "/replies?x=1")
                .doesNotContain("16505551234");
        assertThat(PersonalDataRedaction.redactPath("/conversations/" + KEY))
                .isEqualTo("/conversations/" + Pseudonyms.conversation(KEY));
        assertThat(PersonalDataRedaction.redactPath("/agents/ava")).isEqualTo("/agents/ava");
    }

    @Test
    void exportedSpansCarryNeitherThePathsKeyNorTheRecordKey() {
        List<SpanData> exported = new CopyOnWriteArrayList<>();
        try (SdkTracerProvider tracing = SdkTracerProvider.builder().addSpanProcessor(new PersonalDataRedaction())
                .addSpanProcessor(SimpleSpanProcessor.create(collectingInto(exported))).build()) {
            tracing.get("test").spanBuilder("POST /me/conversations/{conversationKey}/replies")
                    .setAttribute("url.path", "/me/conversations/" + KEY + "/replies")
                    .setAttribute("messaging.kafka.message.key", KEY)
                    .setAttribute("http.request.method", "POST").startSpan().end();
        }

        assertThat(exported).hasSize(1);
        SpanData span = exported.get(0);
        assertThat(span.getAttributes().toString()).doesNotContain("16505551234");
        assertThat(span.getAttributes().get(AttributeKey.stringKey("messaging.kafka.message.key")))
                .isEqualTo(Pseudonyms.conversation(KEY));
        assertThat(span.getAttributes().get(AttributeKey.stringKey("http.request.method"))).isEqualTo("POST");
    }

    private static SpanExporter collectingInto(List<SpanData> exported) {
        return new SpanExporter() {
            @Override
            public CompletableResultCode export(Collection<SpanData> spans) {
                exported.addAll(spans);
                return CompletableResultCode.ofSuccess();
            }

            @Override
            public CompletableResultCode flush() {
                return CompletableResultCode.ofSuccess();
            }

            @Override
            public CompletableResultCode shutdown() {
                return CompletableResultCode.ofSuccess();
            }
        };
    }
}
