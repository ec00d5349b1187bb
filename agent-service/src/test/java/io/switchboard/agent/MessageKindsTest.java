package io.switchboard.agent;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.switchboard.events.Channel;
import io.switchboard.events.ChannelError;
import io.switchboard.events.Location;
import io.switchboard.events.MediaRef;
import io.switchboard.events.MessageContent;
import io.switchboard.events.MessageRouted;
import io.switchboard.events.MessageType;
import io.switchboard.events.Order;
import io.switchboard.events.Referral;
import io.switchboard.events.ReplyContext;
import io.switchboard.events.SharedContact;
import io.switchboard.testing.auth.TestTokens;

/** Every kind routing forwards reaches the transcript (REST) and the live socket with its content, in order. */
@QuarkusTest
class MessageKindsTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TestHTTPResource("/")
    URI base;

    @Test
    void everyInboundKindReachesTheTranscriptAndTheSocketWithItsContent() throws Exception {
        String agent = ActionsTest.agent();
        String key = Routing.conversationKey();
        String conversationId = Routing.id();
        try (LiveClient live = LiveClient.connect(base, TestTokens.agent(agent), 0)) {
            Routing.publish(Routing.assigned(key, conversationId, agent));
            Message m = new Message(key, conversationId, agent);
            m.send("text", MessageContent.text("hi there"));
            m.send("image", content(MessageType.IMAGE, "the receipt", null, List.of(new MediaRef("image",
                    "1013859600285441", null, "image/jpeg", "c2hh", null, 2048L, null, null))));
            m.send("document", content(MessageType.DOCUMENT, null, null, List.of(new MediaRef("document",
                    "2013859600285441", null, "application/pdf", null, "invoice.pdf", 90000L, null, null))));
            m.send("voice", content(MessageType.AUDIO, null, null, List.of(new MediaRef("audio", "3013859600285441",
                    null, "audio/ogg; codecs=opus", null, null, 5000L, true, null))));
            m.send("location", new MessageContent(MessageType.LOCATION, null, null, null,
                    new Location(52.52, 13.405, "Alexanderplatz", "10178 Berlin", null), null, null, null, null,
                    null));
            m.send("contacts", new MessageContent(MessageType.CONTACTS, null, null, null, null,
                    List.of(new SharedContact("Ana Pérez", "Acme", List.of("+34 600 000 000"), List.of(), List.of())),
                    null, null, null, null));
            m.send("button", content(MessageType.BUTTON_REPLY, "Yes, cancel", "CANCEL_YES", null));
            m.send("list", content(MessageType.LIST_REPLY, "Tomorrow 9:00", "slot-9", null));
            m.send("quote", new MessageContent(MessageType.TEXT, "this one", null, null, null, null, null,
                    ReplyContext.quoting(m.ids.get("text")), null, null));
            m.send("referral", new MessageContent(MessageType.TEXT, "I saw your ad", null, null, null, null, null,
                    null, new Referral("ad", "ad", "120200000", "https://fb.me/ad", null, "120200000", "Spring sale",
                            "20% off", "image", null, "ctwa-1"), null));
            m.send("order", new MessageContent(MessageType.ORDER, "please deliver", null, null, null, null,
                    new Order("cat-1", "please deliver", List.of(new Order.Item("sku-1", 2, new BigDecimal("9.99"),
                            "EUR"))), null, null, null));
            m.send("unsupported", new MessageContent(MessageType.UNSUPPORTED, null, null, null, null, null, null,
                    null, null, List.of(new ChannelError(131051, null, "Message type unknown", null, null, null))));
            m.change("reaction", MessageRouted.Kind.REACTION, m.ids.get("text"), null,
                    new MessageRouted.Reaction("👍", null, false));
            m.change("edit", MessageRouted.Kind.EDIT, m.ids.get("text"), MessageContent.text("hi there, edited"),
                    null);
            m.change("revoke", MessageRouted.Kind.REVOCATION, m.ids.get("button"), null, null);

            // The REST transcript, in order
            JsonNode transcript = Awaitility.await().atMost(Duration.ofSeconds(20)).until(() -> JSON.readTree(
                    given().auth().oauth2(TestTokens.agent(agent)).get("/me/conversations/" + key).then()
                            .statusCode(200).extract().asString()).path("transcript"), t -> t.size() == 15);
            assertThat(kinds(transcript)).containsExactly("text", "image", "document", "audio", "location",
                    "contacts", "button_reply", "list_reply", "text", "text", "order", "unsupported", "reaction",
                    "edit", "revoke");
            JsonNode text = transcript.get(0);
            assertThat(text.path("text").asText()).isEqualTo("hi there");
            assertThat(text.path("externalMessageId").asText()).isEqualTo(m.ids.get("text"));
            assertThat(text.path("editedAt").isTextual()).as("the original is marked edited").isTrue();
            assertThat(text.at("/content/text").asText()).as("the original keeps its text").isEqualTo("hi there");
            JsonNode image = transcript.get(1).at("/content/media/0");
            assertThat(image.path("kind").asText()).isEqualTo("image");
            assertThat(image.path("mimeType").asText()).isEqualTo("image/jpeg");
            assertThat(image.path("caption").asText()).isEqualTo("the receipt");
            assertThat(image.path("size").asLong()).isEqualTo(2048);
            assertThat(image.path("link").asText()).isEqualTo("/me/conversations/" + key + "/media/1013859600285441");
            assertThat(image.has("url")).isFalse();
            assertThat(transcript.get(2).at("/content/media/0/filename").asText()).isEqualTo("invoice.pdf");
            assertThat(transcript.get(3).at("/content/media/0/voice").asBoolean()).isTrue();
            assertThat(transcript.get(4).at("/content/location/latitude").asDouble()).isEqualTo(52.52);
            assertThat(transcript.get(4).at("/content/location/name").asText()).isEqualTo("Alexanderplatz");
            assertThat(transcript.get(5).at("/content/contacts/0/formattedName").asText()).isEqualTo("Ana Pérez");
            assertThat(transcript.get(5).at("/content/contacts/0/phones/0").asText()).isEqualTo("+34 600 000 000");
            assertThat(transcript.get(6).at("/content/text").asText()).isEqualTo("Yes, cancel");
            assertThat(transcript.get(6).at("/content/payload").asText()).isEqualTo("CANCEL_YES");
            assertThat(transcript.get(6).path("revokedAt").isTextual()).as("the unsent button reply is marked").isTrue();
            assertThat(transcript.get(7).at("/content/payload").asText()).isEqualTo("slot-9");
            assertThat(transcript.get(8).at("/content/replyTo/externalMessageId").asText())
                    .isEqualTo(m.ids.get("text"));
            assertThat(transcript.get(9).at("/content/referral/headline").asText()).isEqualTo("Spring sale");
            assertThat(transcript.get(9).at("/content/referral/ctwaClid").asText()).isEqualTo("ctwa-1");
            assertThat(transcript.get(10).at("/content/order/items/0/productRetailerId").asText()).isEqualTo("sku-1");
            assertThat(transcript.get(10).at("/content/order/items/0/quantity").asInt()).isEqualTo(2);
            assertThat(transcript.get(11).at("/content/errors/0/code").asInt()).isEqualTo(131051);
            JsonNode reaction = transcript.get(12);
            assertThat(reaction.path("refersTo").asText()).isEqualTo(m.ids.get("text"));
            assertThat(reaction.at("/reaction/emoji").asText()).isEqualTo("👍");
            assertThat(reaction.at("/reaction/removed").asBoolean()).isFalse();
            JsonNode edit = transcript.get(13);
            assertThat(edit.path("refersTo").asText()).isEqualTo(m.ids.get("text"));
            assertThat(edit.at("/content/text").asText()).isEqualTo("hi there, edited");
            assertThat(transcript.get(14).path("refersTo").asText()).isEqualTo(m.ids.get("button"));

            // The supervisors' view links media under their own path
            JsonNode supervised = JSON.readTree(given().auth().oauth2(TestTokens.supervisor())
                    .get("/conversations/" + key).then().statusCode(200).extract().asString());
            assertThat(supervised.at("/transcript/1/content/media/0/link").asText())
                    .isEqualTo("/conversations/" + key + "/media/1013859600285441");

            // The socket, in the same order, with the same content
            live.await("message.revoked", key);
            List<JsonNode> frames = live.frames.stream().filter(f -> key.equals(f.path("conversationKey").asText())
                    && f.path("type").asText().startsWith("message.")).toList();
            assertThat(frames).extracting(f -> f.path("type").asText()).containsExactly("message.received",
                    "message.received", "message.received", "message.received", "message.received",
                    "message.received", "message.received", "message.received", "message.received",
                    "message.received", "message.received", "message.received", "message.reacted", "message.edited",
                    "message.revoked");
            assertThat(frames.get(1).at("/data/content/media/0/link").asText())
                    .isEqualTo("/me/conversations/" + key + "/media/1013859600285441");
            assertThat(frames.get(4).at("/data/content/location/longitude").asDouble()).isEqualTo(13.405);
            assertThat(frames.get(12).at("/data/reaction/emoji").asText()).isEqualTo("👍");
            assertThat(frames.get(13).at("/data/content/text").asText()).isEqualTo("hi there, edited");
            assertThat(frames.get(14).at("/data/refersTo").asText()).isEqualTo(m.ids.get("button"));
        }
    }

    static MessageContent content(MessageType type, String text, String payload, List<MediaRef> media) {
        return new MessageContent(type, text, payload, media, null, null, null, null, null, null);
    }

    private static List<String> kinds(JsonNode transcript) {
        java.util.ArrayList<String> kinds = new java.util.ArrayList<>();
        transcript.forEach(e -> kinds.add(e.path("kind").asText()));
        return kinds;
    }

    /** Publishes routed messages of one conversation, remembering each one's channel id by a name. */
    static final class Message {

        final String key;
        final String conversationId;
        final String agent;
        final java.util.Map<String, String> ids = new java.util.HashMap<>();

        Message(String key, String conversationId, String agent) {
            this.key = key;
            this.conversationId = conversationId;
            this.agent = agent;
        }

        void send(String name, MessageContent content) {
            publish(name, MessageRouted.Kind.MESSAGE, null, content, null);
        }

        void change(String name, MessageRouted.Kind kind, String target, MessageContent content,
                MessageRouted.Reaction reaction) {
            publish(name, kind, target, content, reaction);
        }

        private void publish(String name, MessageRouted.Kind kind, String target, MessageContent content,
                MessageRouted.Reaction reaction) {
            String wamid = "wamid." + Routing.id();
            ids.put(name, wamid);
            String eventId = "wa:" + wamid;
            Routing.publish(new MessageRouted(eventId + ":routed:" + agent, Channel.WHATSAPP, Routing.WA_ACCOUNT, key,
                    conversationId, agent, eventId, wamid, null, content, Instant.now(), Instant.now(), kind, target,
                    reaction, kind == MessageRouted.Kind.EDIT ? 1 : null));
        }
    }
}
