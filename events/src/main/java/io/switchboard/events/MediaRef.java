package io.switchboard.events;

/**
 * A piece of media, by reference: a WhatsApp media id (valid 7 days, fetched through the Graph API) or a URL
 * (Meta CDN links are short-lived).
 */
public record MediaRef(String kind, String mediaId, String url, String mimeType, String sha256, String filename,
        Long size, Boolean voice, Boolean animated) {

    public static MediaRef ofUrl(String kind, String url) {
        return new MediaRef(kind, null, url, null, null, null, null, null, null);
    }
}
