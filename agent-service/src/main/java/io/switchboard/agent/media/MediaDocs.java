package io.switchboard.agent.media;

/** The OpenAPI descriptions the two media endpoints share. */
final class MediaDocs {

    static final String DESCRIPTION = "Streams a customer's image, video, audio, document or sticker from the "
            + "channel (WhatsApp through the Graph API's media endpoint with the account's token; Messenger, "
            + "Instagram and custom sources from the webhook's attachment URL). Nothing is stored. The link is the "
            + "transcript entry's content.media[].link.";
    static final String NOT_FOUND = "{\"error\": \"media_unavailable\", \"message\": \"the channel no longer has "
            + "this media (expired or removed)\", \"violations\": []}";
    static final String BAD_GATEWAY = "{\"error\": \"media_upstream_failed\", \"message\": \"the Graph API answered "
            + "500 for the media id\", \"violations\": []}";
    static final String EXAMPLE_KEY = "wa:106540352242922:16505551234";
    static final String EXAMPLE_MEDIA = "1013859600285441";

    private MediaDocs() {
    }
}
