package io.switchboard.conformance;

/**
 * The numbered rules of docs/custom-source.md ("Conformance rules", §9) the kit checks. The ids are stable: a report
 * line, a test and the document all name a rule by its id, so an id is never reused for another rule.
 */
public enum Rule {

    CS_2_1("CS-2.1", "requests are POSTed to /webhooks/custom/{sourceId} with Content-Type application/json"),
    CS_2_2("CS-2.2", "X-Timestamp is Unix seconds within 300 s of the receiver's clock; a stale one is refused 401"),
    CS_2_3("CS-2.3", "X-Signature-256 is sha256=<lowercase hex HMAC-SHA256(secret, X-Timestamp.Idempotency-Key.body)>;"
            + " a wrong one is refused 403"),
    CS_2_4("CS-2.4", "Idempotency-Key is 1-200 visible ASCII characters; missing or malformed is refused 400"),
    CS_2_5("CS-2.5", "the body is at most 1 MiB; a larger one is refused 413"),
    CS_2_6("CS-2.6", "the body is one strict JSON value: UTF-8, nothing after it, no duplicate key, nesting <= 16;"
            + " else 400 malformed_json"),
    CS_2_7("CS-2.7", "strings hold Unicode scalar values without NUL; ids and keys no control character, texts only"
            + " tab, LF, CR; else 400 input_out_of_bounds"),
    CS_2_8("CS-2.8", "custom:<source>:<event_id> and custom:<source>:<conversation id> fit 255 UTF-16 code units;"
            + " else 400 input_out_of_bounds"),
    CS_3_1("CS-3.1", "every event matches schema v1 (required fields by type, no unknown property, formats);"
            + " else 400 validation_failed"),
    CS_4_1("CS-4.1", "a stored request is answered 202 {\"accepted\": <events>, \"idempotencyKey\": <key>}; refusals"
            + " carry {\"error\", \"message\"}"),
    CS_4_2("CS-4.2", "408, 429, 503 and 5xx are retried with back-off, not before Retry-After, with the same body and"
            + " Idempotency-Key and a fresh X-Timestamp and signature"),
    CS_5_1("CS-5.1", "a repeat (same key, same body) is answered as the first 202; the same key with another body is"
            + " refused 409 idempotency_key_reused, so a source never reuses a key for another body"),
    CS_5_2("CS-5.2", "an event_id names one event: sent again, it carries the same event"),
    CS_7_1("CS-7.1", "the receiver takes a version 1 reply (text, media with type and caption, reply_to) and ignores"
            + " fields it does not know: 2xx"),
    CS_7_2("CS-7.2", "the receiver verifies X-Signature-256 over X-Timestamp.body: a missing or wrong signature is"
            + " refused 401 or 403, never 2xx or 5xx"),
    CS_7_3("CS-7.3", "the receiver refuses a timestamp more than 300 s from its clock with 401 or 403"),
    CS_7_4("CS-7.4", "a 2xx answer is a JSON object of at most 64 KiB with external_id, a string of 1-200 characters;"
            + " never a 3xx"),
    CS_7_5("CS-7.5", "the receiver deduplicates on Idempotency-Key: a repeat gets 2xx and the same external_id, another"
            + " message another external_id"),
    CS_7_6("CS-7.6", "a reply of a type the receiver does not know is answered 422"),
    CS_7_7("CS-7.7", "a temporary refusal (408, 429, 5xx) has a Retry-After of seconds or an HTTP date, at most 300 s,"
            + " and the same request retried within 6 calls is taken"),
    CS_7_8("CS-7.8", "a reply Switchboard sends has type message, message_id, created_at, the source's conversation and"
            + " user ids, text (the caption with media) or media with type, filename only for documents");

    public final String id;
    public final String text;

    Rule(String id, String text) {
        this.id = id;
        this.text = text;
    }
}
