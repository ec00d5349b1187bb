package io.switchboard.routing.queue;

import java.util.Map;

import dev.cel.common.CelAbstractSyntaxTree;
import dev.cel.common.CelValidationException;
import dev.cel.common.types.MapType;
import dev.cel.common.types.SimpleType;
import dev.cel.compiler.CelCompiler;
import dev.cel.compiler.CelCompilerFactory;
import dev.cel.runtime.CelEvaluationException;
import dev.cel.runtime.CelRuntime;
import dev.cel.runtime.CelRuntimeFactory;

/**
 * A queue's match rule: a CEL expression over the conversation's first message, type-checked to a boolean when the
 * queue is saved, so a bad rule is refused then rather than failing per message.
 */
public final class MatchRule {

    private static final CelCompiler COMPILER = CelCompilerFactory.standardCelCompilerBuilder()
            .addVar("channel", SimpleType.STRING)
            .addVar("channelAccountId", SimpleType.STRING)
            .addVar("language", SimpleType.STRING)
            .addVar("attributes", MapType.create(SimpleType.STRING, SimpleType.STRING))
            .addVar("text", SimpleType.STRING)
            .addVar("payload", SimpleType.STRING)
            .setResultType(SimpleType.BOOL)
            .build();
    private static final CelRuntime RUNTIME = CelRuntimeFactory.standardCelRuntimeBuilder().build();

    private final CelRuntime.Program program;

    private MatchRule(CelRuntime.Program program) {
        this.program = program;
    }

    public static MatchRule compile(String expression) {
        try {
            CelAbstractSyntaxTree ast = COMPILER.compile(expression).getAst();
            return new MatchRule(RUNTIME.createProgram(ast));
        } catch (CelValidationException | CelEvaluationException e) {
            throw new InvalidQueue("match rule does not compile: " + e.getMessage());
        }
    }

    /**
     * Whether the conversation belongs here. An evaluation error (say, a missing attribute read without
     * {@code has()}) counts as no match: the next queue is tried.
     */
    public boolean matches(Conversation conversation) {
        try {
            return Boolean.TRUE.equals(program.eval(Map.of("channel", conversation.channel(),
                    "channelAccountId", conversation.channelAccountId(), "language", conversation.language(),
                    "attributes", conversation.attributes(), "text", conversation.text(),
                    "payload", conversation.payload())));
        } catch (CelEvaluationException e) {
            return false;
        }
    }

    /** The facts a match rule sees; absent values are empty strings, so rules need no null checks. */
    public record Conversation(String channel, String channelAccountId, String language,
            Map<String, String> attributes, String text, String payload) {

        public Conversation {
            channel = channel == null ? "" : channel;
            channelAccountId = channelAccountId == null ? "" : channelAccountId;
            language = language == null ? "" : language;
            attributes = attributes == null ? Map.of() : attributes;
            text = text == null ? "" : text;
            payload = payload == null ? "" : payload;
        }
    }
}
