package io.switchboard.ingress.webhook;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;

import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;

import io.switchboard.events.CloudEventCodec;

/**
 * A webhook exactly as received, as kept on the raw topic: the body byte for byte (so signatures can be re-checked
 * and normalization re-run after a fix), which channel and source sent it, and when.
 *
 * @param channel    {@code whatsapp}, {@code messenger}, {@code instagram}, {@code custom}, {@code sms}, or {@code meta} for a
 *                   well-signed Meta object Switchboard does not handle (kept, never normalized)
 * @param source     the Meta app name, the custom source id or the Twilio Account SID
 * @param key        the Kafka key: channel and the account the webhook is about
 * @param signature  the signature header as received, kept for audits
 * @param idempotencyKey the sender's idempotency key, when the protocol has one
 */
public record RawWebhook(String channel, String source, String key, byte[] body, String signature,
        String idempotencyKey, Instant receivedAt) {

    public static final String CE_TYPE = "switchboard.webhook.received";
    public static final String HEADER_CHANNEL = "sb_channel";
    public static final String HEADER_SOURCE = "sb_source";
    public static final String HEADER_RECEIVED_AT = "sb_received_at";
    public static final String HEADER_SIGNATURE = "sb_signature";
    public static final String HEADER_IDEMPOTENCY_KEY = "sb_idempotency_key";
    public static final String FORM_CONTENT_TYPE = "application/x-www-form-urlencoded";
    /** On a raw record an operator's replay put back (replay.Replayer): the replay's id. */
    public static final String HEADER_REPLAY = "sb_replay";
    /** On a replayed copy: {@code topic:partition:offset} of the record as first received. */
    public static final String HEADER_REPLAY_OF = "sb_replay_of";

    /** CloudEvent attributes plus our own: ce_id is a digest of channel, source and body, so a redelivery has the same id. */
    public Headers headers() {
        RecordHeaders headers = new RecordHeaders();
        add(headers, CloudEventCodec.HEADER_SPEC_VERSION, CloudEventCodec.SPEC_VERSION);
        add(headers, CloudEventCodec.HEADER_ID, id());
        add(headers, CloudEventCodec.HEADER_SOURCE, "/switchboard/ingress/" + channel + "/" + source);
        add(headers, CloudEventCodec.HEADER_TYPE, CE_TYPE);
        add(headers, CloudEventCodec.HEADER_TIME, receivedAt.toString());
        // Twilio posts forms; the raw record keeps the body as it came, so it names the form's type.
        add(headers, CloudEventCodec.HEADER_CONTENT_TYPE, "sms".equals(channel) ? FORM_CONTENT_TYPE
                : CloudEventCodec.CONTENT_TYPE);
        add(headers, HEADER_CHANNEL, channel);
        add(headers, HEADER_SOURCE, source);
        add(headers, HEADER_RECEIVED_AT, receivedAt.toString());
        if (signature != null) {
            add(headers, HEADER_SIGNATURE, signature);
        }
        if (idempotencyKey != null) {
            add(headers, HEADER_IDEMPOTENCY_KEY, idempotencyKey);
        }
        return headers;
    }

    private String id() {
        return digest(channel, source, body);
    }

    /** The ce_id of a raw webhook: hex SHA-256 of channel, source and body; the same body gives the same digest. */
    public static String digest(String channel, String source, byte[] body) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            digest.update((channel + "\n" + source + "\n").getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest.digest(body));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void add(Headers headers, String name, String value) {
        headers.add(name, value.getBytes(StandardCharsets.UTF_8));
    }
}
