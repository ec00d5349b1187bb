package io.switchboard.agent.media;

import java.time.Duration;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.switchboard.agent.transcript.MediaLinks;
import io.switchboard.agent.transcript.StoredContent;
import io.switchboard.events.MediaRef;
import io.switchboard.messaging.http.ApiException;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * The SQL that finds a piece of media: the conversation (is it the caller's?) and the transcript entry of its
 * current episode that holds the media. Blocking (the media is streamed on a worker thread).
 */
@ApplicationScoped
public class MediaStore {

    private static final Duration TIMEOUT = Duration.ofSeconds(10);

    private final Pool pool;
    private final ObjectMapper json;

    public MediaStore(Pool pool, ObjectMapper json) {
        this.pool = pool;
        this.json = json;
    }

    /** The media and its account; {@code agentId} null for supervisors, who may open any conversation's. */
    Located find(String agentId, String conversationKey, String mediaId) {
        Row view = first(pool.preparedQuery("SELECT conversationId, channel, channelAccountId, agentId, open"
                + " FROM agent.conversations WHERE conversationKey = $1").execute(Tuple.of(conversationKey)));
        // Error messages never repeat the key: it may hold a phone number.
        if (view == null) {
            throw ApiException.notFound("unknown_conversation", "no conversation with that key");
        }
        if (agentId != null) {
            boolean theirs = agentId.equals(view.getString("agentid"));
            if (!view.getBoolean("open") && theirs) {
                throw ApiException.conflict("conversation_closed", "the conversation was resolved or abandoned");
            }
            if (!view.getBoolean("open") || !theirs) {
                throw ApiException.forbidden("not_yours", "the conversation is not assigned to you");
            }
        }
        RowSet<Row> entries = pool.preparedQuery("SELECT content::text AS content FROM agent.transcript"
                + " WHERE conversationKey = $1 AND conversationId = $2 AND content -> 'message' -> 'media' <> '[]'"
                + " ORDER BY id").execute(Tuple.of(conversationKey, view.getString("conversationid")))
                .await().atMost(TIMEOUT);
        for (Row row : entries) {
            StoredContent stored = read(row.getString("content"));
            for (MediaRef media : stored.message().media()) {
                if (mediaId.equals(MediaLinks.id(media))) {
                    return new Located(media, view.getString("channel"), view.getString("channelaccountid"));
                }
            }
        }
        throw ApiException.notFound("unknown_media", "the conversation has no media with id " + mediaId);
    }

    /** A piece of media and where it came from. */
    record Located(MediaRef media, String channel, String channelAccountId) {
    }

    private StoredContent read(String content) {
        try {
            return json.readValue(content, StoredContent.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("transcript content is not readable: " + e.getOriginalMessage(), e);
        }
    }

    private static Row first(io.smallrye.mutiny.Uni<RowSet<Row>> query) {
        RowSet<Row> rows = query.await().atMost(TIMEOUT);
        return rows.iterator().hasNext() ? rows.iterator().next() : null;
    }
}
