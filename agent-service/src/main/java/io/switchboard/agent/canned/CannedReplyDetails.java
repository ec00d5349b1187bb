package io.switchboard.agent.canned;

import java.time.Instant;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** A canned reply as supervisors manage it: the template with its placeholders. */
@Schema(example = CannedDocs.DETAILS)
public record CannedReplyDetails(String id, String title, String text, String queueId, String channel,
        String createdBy, Instant createdAt, Instant updatedAt) {

    static CannedReplyDetails of(CannedReply reply) {
        return new CannedReplyDetails(reply.id, reply.title, reply.text, reply.queueId, reply.channel,
                reply.createdBy, reply.createdAt, reply.updatedAt);
    }
}
