package io.switchboard.bench;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Base64;
import java.util.HexFormat;
import java.util.concurrent.atomic.AtomicLong;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Distinct WhatsApp Cloud API text-message webhooks (the shape of wa_01_text.json among ingress-service's test
 * payloads), each with its own wamid and sender, signed like Meta signs them: {@code sha256=hex(HMAC-SHA256(app secret, body))}. Distinct,
 * because ingress drops redeliveries of a wamid it has seen: repeating one body would benchmark the dedupe path.
 */
final class Webhooks {

    /** One business account and number, as a typical deployment: every webhook has the same Kafka key. */
    static final String WABA_ID = "102290129340398";
    static final String PHONE_NUMBER_ID = "106540352242922";
    /** The Kafka key ingress gives these webhooks (channel:first entry id), which the bare endpoint uses too. */
    static final String KAFKA_KEY = "whatsapp:" + WABA_ID;

    private final SecretKeySpec key;
    private final String runId;
    private final AtomicLong sequence = new AtomicLong();
    private final ThreadLocal<Mac> macs;

    Webhooks(String appSecret, String runId) {
        this.key = new SecretKeySpec(appSecret.getBytes(StandardCharsets.UTF_8), "HmacSHA256");
        this.runId = runId;
        this.macs = ThreadLocal.withInitial(this::newMac);
    }

    /** A webhook: the exact bytes to post and their signature header value. */
    static final class Webhook {
        final byte[] body;
        final String signature;

        Webhook(byte[] body, String signature) {
            this.body = body;
            this.signature = signature;
        }
    }

    Webhook next() {
        long n = sequence.incrementAndGet();
        // Unique per request within a run, and across runs (runId) against a broker that outlives a run.
        String wamid = "wamid.HBgL" + Base64.getEncoder().encodeToString(
                (runId + "-" + n).getBytes(StandardCharsets.US_ASCII));
        String sender = Long.toString(15_550_000_000_000L + n);
        String body = "{\"object\":\"whatsapp_business_account\",\"entry\":[{\"id\":\"" + WABA_ID
                + "\",\"changes\":[{\"value\":{\"messaging_product\":\"whatsapp\",\"metadata\":{"
                + "\"display_phone_number\":\"15550783881\",\"phone_number_id\":\"" + PHONE_NUMBER_ID + "\"},"
                + "\"contacts\":[{\"profile\":{\"name\":\"Bench Customer " + n + "\"},\"wa_id\":\"" + sender + "\"}],"
                + "\"messages\":[{\"from\":\"" + sender + "\",\"id\":\"" + wamid + "\",\"timestamp\":\""
                + System.currentTimeMillis() / 1000 + "\",\"type\":\"text\",\"text\":{\"body\":\"Benchmark message "
                + n + ": does it come in another color?\"}}]},\"field\":\"messages\"}]}]}";
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        return new Webhook(bytes, "sha256=" + HexFormat.of().formatHex(macs.get().doFinal(bytes)));
    }

    long issued() {
        return sequence.get();
    }

    private Mac newMac() {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key);
            return mac;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
