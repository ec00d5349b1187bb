package io.switchboard.ingress.meta;

import java.io.IOException;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;

/**
 * What the webhook endpoint needs from a Meta body before acknowledging it: that it is well-formed JSON, its
 * {@code object} and the first entry's id (the Kafka key). One streaming pass, no tree: the hot path stays cheap and
 * the full parsing happens in the normalizer.
 */
public record MetaEnvelope(String object, String firstEntryId) {

    private static final JsonFactory JSON = new JsonFactory();

    /** The Switchboard channel of this Meta object; {@code meta} for objects Switchboard keeps but does not handle. */
    public String channel() {
        if (object == null) {
            return "meta";
        }
        switch (object) {
            case "whatsapp_business_account":
                return "whatsapp";
            case "page":
                return "messenger";
            case "instagram":
                return "instagram";
            default:
                return "meta";
        }
    }

    public String key() {
        return channel() + ":" + (firstEntryId == null ? "-" : firstEntryId);
    }

    /** Scans a body; throws {@link IllegalArgumentException} with the reason when it is not a JSON object. */
    public static MetaEnvelope scan(byte[] body) {
        try (JsonParser parser = JSON.createParser(body)) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                throw new IllegalArgumentException("body is not a JSON object");
            }
            String object = null;
            String firstEntryId = null;
            JsonToken token;
            while ((token = parser.nextToken()) == JsonToken.FIELD_NAME) {
                String field = parser.currentName();
                JsonToken value = parser.nextToken();
                if ("object".equals(field) && value == JsonToken.VALUE_STRING) {
                    object = parser.getText();
                } else if ("entry".equals(field) && value == JsonToken.START_ARRAY) {
                    firstEntryId = scanEntries(parser);
                } else {
                    parser.skipChildren();
                }
            }
            if (token != JsonToken.END_OBJECT || parser.nextToken() != null) {
                throw new IllegalArgumentException("trailing content after the JSON object");
            }
            return new MetaEnvelope(object, firstEntryId);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("malformed JSON: " + e.getOriginalMessage() + " at line "
                    + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr(), e);
        } catch (IOException e) {
            throw new IllegalArgumentException("unreadable body: " + e.getMessage(), e);
        }
    }

    /** Reads the entry array to its end (so malformed JSON further on is still caught), keeping the first entry's id. */
    private static String scanEntries(JsonParser parser) throws IOException {
        String firstId = null;
        boolean first = true;
        JsonToken token;
        while ((token = parser.nextToken()) != JsonToken.END_ARRAY) {
            if (token == JsonToken.START_OBJECT && first) {
                while (parser.nextToken() == JsonToken.FIELD_NAME) {
                    String field = parser.currentName();
                    JsonToken value = parser.nextToken();
                    if ("id".equals(field) && value.isScalarValue()) {
                        firstId = parser.getText();
                    } else {
                        parser.skipChildren();
                    }
                }
            } else {
                parser.skipChildren();
            }
            first = false;
        }
        return firstId;
    }
}
