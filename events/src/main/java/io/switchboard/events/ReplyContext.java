package io.switchboard.events;

/**
 * What a message refers to: the message it quotes, a forward, a product or a story.
 *
 * @param externalMessageId the quoted message's channel id (null for a plain forward)
 */
public record ReplyContext(String externalMessageId, boolean forwarded, boolean frequentlyForwarded,
        String productCatalogId, String productRetailerId, String storyId, String storyUrl) {

    public static ReplyContext quoting(String externalMessageId) {
        return new ReplyContext(externalMessageId, false, false, null, null, null, null);
    }
}
