package io.switchboard.agent.canned;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * A canned reply rendered for one conversation: {@code text} is ready to send (as a reply's text), {@code template}
 * is what the supervisor wrote.
 */
@Schema(example = CannedDocs.RENDERED)
public record RenderedReply(String id, String title, String text, String template, String queueId,
        String channel) {
}
