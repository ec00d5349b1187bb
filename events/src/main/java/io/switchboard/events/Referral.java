package io.switchboard.events;

/**
 * Where the customer came from: a Click-to-WhatsApp or Click-to-Messenger ad, an m.me or ig.me link, a QR code.
 * Fields a channel does not know are null.
 */
public record Referral(String source, String sourceType, String sourceId, String sourceUrl, String ref, String adId,
        String headline, String body, String mediaType, String mediaUrl, String ctwaClid) {
}
