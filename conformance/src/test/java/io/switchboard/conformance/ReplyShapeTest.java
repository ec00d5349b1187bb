package io.switchboard.conformance;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;

/** CS-7.8 on the document's own example and on bodies with the gaps issue 16 found. */
class ReplyShapeTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void theDocumentsExampleHoldsAndTheOldGapsDoNot() throws Exception {
        // §7.2's test vector body
        assertThat(ReplyShape.violations(JSON.readTree("{\"type\":\"message\",\"message_id\":\"sbm_2f9d1c7a\","
                + "\"created_at\":\"2026-09-12T08:01:10Z\",\"conversation\":{\"external_id\":\"conv_8812\"},"
                + "\"user\":{\"external_id\":\"cust_42\"},\"agent\":{\"id\":\"agent_17\",\"display_name\":\"Grace H.\"},"
                + "\"message\":{\"text\":\"It ships tomorrow. Tracking: https://track.example/ZX81\","
                + "\"reply_to\":\"msg_7781\"}}"))).isEmpty();
        assertThat(ReplyShape.violations(JSON.readTree("{\"type\":\"message\",\"message_id\":\"m\",\"created_at\":"
                + "\"2026-09-12T08:01:10Z\",\"conversation\":{\"external_id\":\"c\"},\"message\":{\"text\":\"Label\","
                + "\"media\":[{\"url\":\"https://f.example/l.png\",\"type\":\"image\"}]}}"))).isEmpty();

        // media without type, a filename on an image, no conversation id
        assertThat(ReplyShape.violations(JSON.readTree("{\"type\":\"message\",\"message_id\":\"m\",\"created_at\":"
                + "\"2026-09-12T08:01:10Z\",\"conversation\":{},\"message\":{\"media\":[{\"url\":"
                + "\"https://f.example/l.png\",\"filename\":\"l.png\"},{\"url\":\"https://f.example/p.png\","
                + "\"type\":\"image\",\"filename\":\"p.png\"}]}}")))
                .containsExactly("conversation.external_id is not a string of 1-200 characters",
                        "message.media[0].type is not one of " + ReplyShape.MEDIA_TYPES,
                        "message.media[0].filename on a null (documents only)",
                        "message.media[1].filename on a image (documents only)");
    }
}
