package io.switchboard.ingress.custom;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

class CustomSourceSchemaTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** Shared like in production: one compiled schema for every call. */
    private static final CustomSourceSchema SCHEMA = new CustomSourceSchema();

    static final String MESSAGE = "{\"event_id\":\"evt-1\",\"type\":\"message\","
            + "\"occurred_at\":\"2026-09-12T09:59:58.250+02:00\",\"account_id\":\"acct-7\","
            + "\"conversation\":{\"external_id\":\"conv-9\"},"
            + "\"user\":{\"external_id\":\"u-1\",\"display_name\":\"Ada Lovelace\",\"phone\":\"+447700900123\","
            + "\"email\":\"ada@example.com\",\"language\":\"en-GB\",\"attributes\":{\"tier\":\"gold\"}},"
            + "\"message\":{\"external_id\":\"msg-1\",\"text\":\"Hello\",\"reply_to\":\"msg-0\","
            + "\"media\":[{\"url\":\"https://files.example.com/a.jpg\",\"mime_type\":\"image/jpeg\",\"size\":12345,"
            + "\"sha256\":\"9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08\","
            + "\"filename\":\"a.jpg\"}],\"payload\":\"BUY\"}}";
    static final String STATUS = "{\"event_id\":\"evt-2\",\"type\":\"status\","
            + "\"occurred_at\":\"2026-09-12T08:00:01Z\",\"conversation\":{\"external_id\":\"conv-9\"},"
            + "\"status\":{\"message_external_id\":\"out-5\",\"state\":\"failed\","
            + "\"error\":{\"code\":\"recipient_blocked\",\"message\":\"The user blocked the business\"}}}";
    static final String TYPING = "{\"event_id\":\"evt-3\",\"type\":\"typing\","
            + "\"occurred_at\":\"2026-09-12T08:00:02Z\",\"conversation\":{\"external_id\":\"conv-9\"},"
            + "\"user\":{\"external_id\":\"u-1\"}}";
    static final String READ = "{\"event_id\":\"evt-4\",\"type\":\"read\","
            + "\"occurred_at\":\"2026-09-12T08:00:03Z\",\"conversation\":{\"external_id\":\"conv-9\"},"
            + "\"user\":{\"external_id\":\"u-1\"}}";

    @Test
    void acceptsASingleEvent() {
        assertThat(SCHEMA.violations(json(MESSAGE))).isEmpty();
    }

    @Test
    void acceptsABatchOfEveryType() {
        assertThat(SCHEMA.violations(json("{\"events\":[" + MESSAGE + "," + STATUS + "," + TYPING + "," + READ
                + "]}"))).isEmpty();
    }

    @Test
    void acceptsTheSmallestEventOfEachType() {
        assertThat(SCHEMA.violations(json(without(MESSAGE, "account_id")))).isEmpty();
        assertThat(SCHEMA.violations(json("{\"event_id\":\"e\",\"type\":\"message\",\"occurred_at\":"
                + "\"2026-09-12T08:00:00Z\",\"conversation\":{\"external_id\":\"c\"},\"user\":{\"external_id\":"
                + "\"u\"},\"message\":{\"external_id\":\"m\",\"payload\":\"YES\"}}"))).isEmpty();
        assertThat(SCHEMA.violations(json("{\"event_id\":\"e\",\"type\":\"status\",\"occurred_at\":"
                + "\"2026-09-12T08:00:00Z\",\"conversation\":{\"external_id\":\"c\"},\"status\":"
                + "{\"message_external_id\":\"m\",\"state\":\"read\"}}"))).isEmpty();
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "message | user    | user: is required when type is \"message\"",
            "message | message | message: is required when type is \"message\"",
            "typing  | user    | user: is required when type is \"typing\"",
            "read    | user    | user: is required when type is \"read\"",
            "status  | status  | status: is required when type is \"status\"",
    })
    void enforcesEachTypesRequirements(String type, String missing, String violation) {
        ObjectNode event = (ObjectNode) json(MESSAGE);
        event.put("type", type);
        event.set("status", json(STATUS).get("status"));
        event.remove(missing);

        assertThat(SCHEMA.violations(event)).containsExactly(violation);
    }

    @Test
    void aMessageNeedsTextMediaOrPayload() {
        ObjectNode event = (ObjectNode) json(MESSAGE);
        ((ObjectNode) event.get("message")).remove(List.of("text", "media", "payload"));

        assertThat(SCHEMA.violations(event)).containsExactly("message: must have at least one of text, media, payload");
    }

    @Test
    void namesTheEventInABatch() {
        String late = MESSAGE.replace("2026-09-12T09:59:58.250+02:00", "yesterday");

        assertThat(SCHEMA.violations(json("{\"events\":[" + STATUS + "," + TYPING + "," + late + "]}")))
                .containsExactly("events[2].occurred_at: must be a valid RFC 3339 date-time");
    }

    @Test
    void everyEventRequiresItsEnvelope() {
        assertThat(SCHEMA.violations(json("{}"))).containsExactly("event_id: is required", "type: is required",
                "occurred_at: is required", "conversation: is required");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "/type | \"chat\" | type: must be one of message, status, typing, read",
            "/event_id | \"\" | event_id: must be at least 1 characters long",
            "/occurred_at | \"2026-09-12 08:00\" | occurred_at: must be a valid RFC 3339 date-time",
            "/conversation/external_id | 42 | conversation.external_id: integer found, string expected",
            "/user/phone | \"0044 7700\" | user.phone: must be an E.164 phone number such as +14155550123",
            "/user/email | \"ada\" | user.email: must be a valid RFC 5321 Mailbox",
            "/user/language | \"English!\" | user.language: must be a BCP 47 language tag such as en or pt-BR",
            "/user/attributes/tier | 3 | user.attributes.tier: integer found, string expected",
            "/message/media/0/url | \"http://files.example.com/a.jpg\" | message.media[0].url: must be an https URL",
            "/message/media/0/mime_type | \"jpeg\" "
                    + "| message.media[0].mime_type: must be a MIME type such as image/jpeg",
            "/message/media/0/sha256 | \"abc\" | message.media[0].sha256: must be 64 hexadecimal characters",
            "/message/media/0/size | -1 | message.media[0].size: must have a minimum value of 0",
            "/message/media | [] | message.media: must have at least 1 items but found 0",
            "/message/text | \"\" | message.text: must be at least 1 characters long",
    })
    void reportsWhatIsWrongWhere(String pointer, String value, String violation) {
        JsonNode event = json(MESSAGE);
        String parent = pointer.substring(0, pointer.lastIndexOf('/'));
        JsonNode container = parent.isEmpty() ? event : event.at(parent);
        String field = pointer.substring(pointer.lastIndexOf('/') + 1);
        if (container.isArray()) {
            ((ArrayNode) container).set(Integer.parseInt(field), json(value));
        } else {
            ((ObjectNode) container).set(field, json(value));
        }

        assertThat(SCHEMA.violations(event)).containsExactly(violation);
    }

    @Test
    void catchesTyposWithUnknownProperties() {
        ObjectNode event = (ObjectNode) json(MESSAGE);
        event.put("ocurred_at", "2026-09-12T08:00:00Z");
        ((ObjectNode) event.get("user")).put("name", "Ada");

        assertThat(SCHEMA.violations(event)).containsExactlyInAnyOrder(
                "ocurred_at: is not allowed (unknown property)", "user.name: is not allowed (unknown property)");
        assertThat(SCHEMA.violations(json("{\"events\":[" + TYPING + "],\"source\":\"x\"}")))
                .containsExactly("source: is not allowed (unknown property)");
    }

    @Test
    void enforcesStatusStates() {
        assertThat(SCHEMA.violations(json(STATUS.replace("\"failed\"", "\"bounced\""))))
                .containsExactly("status.state: must be one of sent, delivered, read, failed");
    }

    @Test
    void limitsBatchesAndAttributes() {
        assertThat(SCHEMA.violations(json("{\"events\":[]}")))
                .containsExactly("events: must have at least 1 items but found 0");
        String batch = IntStream.range(0, 501).mapToObj(i -> TYPING)
                .collect(Collectors.joining(",", "{\"events\":[", "]}"));
        assertThat(SCHEMA.violations(json(batch))).containsExactly("events: must have at most 500 items but found 501");

        ObjectNode event = (ObjectNode) json(MESSAGE);
        ObjectNode attributes = (ObjectNode) event.get("user").get("attributes");
        IntStream.range(0, 50).forEach(i -> attributes.put("a" + i, "v"));
        assertThat(SCHEMA.violations(event)).containsExactly("user.attributes: must have at most 50 properties");
    }

    @Test
    void aBodyMustBeAnObject() {
        assertThat(SCHEMA.violations(json("[1]"))).containsExactly("body: array found, object expected");
        assertThat(SCHEMA.violations(null)).containsExactly("body: must be a JSON object");
    }

    @Test
    void isSafeToShareBetweenThreads() {
        JsonNode valid = json(MESSAGE);
        JsonNode invalid = json("{}");

        List<Integer> counts = IntStream.range(0, 200).parallel()
                .mapToObj(i -> SCHEMA.violations(i % 2 == 0 ? valid : invalid).size())
                .collect(Collectors.toList());

        assertThat(IntStream.range(0, 200).filter(i -> counts.get(i) != (i % 2 == 0 ? 0 : 4))).isEmpty();
    }

    private static String without(String event, String field) {
        ObjectNode node = (ObjectNode) json(event);
        node.remove(field);
        return node.toString();
    }

    static JsonNode json(String text) {
        try {
            return JSON.readTree(text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
