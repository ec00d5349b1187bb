package io.switchboard.agent.media;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.core.Response;

/** Finds the media in the caller's conversation, opens it at the channel and answers it as a streamed body. */
@ApplicationScoped
public class MediaService {

    private final MediaStore store;
    private final MediaFetcher fetcher;

    public MediaService(MediaStore store, MediaFetcher fetcher) {
        this.store = store;
        this.fetcher = fetcher;
    }

    /** {@code agentId} null: a supervisor, who may open any conversation's media. */
    Response stream(String agentId, String conversationKey, String mediaId) {
        MediaStore.Located located = store.find(agentId, conversationKey, mediaId);
        MediaFetcher.Opened opened = fetcher.open(located.media(), located.channelAccountId());
        Response.ResponseBuilder answer = Response.ok(opened.body()).type(opened.contentType())
                // The customer's file: never kept by a shared cache.
                .header("Cache-Control", "private, no-store")
                .header("X-Content-Type-Options", "nosniff");
        if (opened.length() >= 0) {
            answer.header("Content-Length", opened.length());
        }
        return answer.build();
    }
}
