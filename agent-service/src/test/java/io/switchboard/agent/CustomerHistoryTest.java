package io.switchboard.agent;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.switchboard.events.Channel;
import io.switchboard.events.CloudEventCodec;
import io.switchboard.events.ContactIdentityChanged;
import io.switchboard.events.Customer;
import io.switchboard.events.MessageContent;
import io.switchboard.events.MessageRouted;
import io.switchboard.events.RawRef;
import io.switchboard.events.Topics;
import io.switchboard.testing.KafkaTestClient;
import io.switchboard.testing.auth.TestTokens;

/**
 * The customer as the agent sees them: the profile from the routed messages' Customer (identities stored as a JSON
 * object and read back as one), the same customer's closed conversation with its transcript while the second is
 * open, only for the agent it is assigned to (or a supervisor), and still theirs after an identity change.
 */
@QuarkusTest
class CustomerHistoryTest {

    @Test
    void theAgentSeesTheCustomerAndTheTranscriptOfTheirResolvedConversation() {
        String agent = ActionsTest.agent();
        String other = ActionsTest.agent();
        String key = Routing.conversationKey();
        String phone = key.substring(key.lastIndexOf(':') + 1);
        String first = "c1-" + Routing.id();
        String second = "c2-" + Routing.id();
        Customer ana = new Customer(phone, "Ana Pérez", null, "es", Map.of("wa_id", phone, "phone", "+" + phone),
                Map.of());

        // A first conversation, resolved; then the customer writes again and a second one is assigned.
        Routing.publish(Routing.assigned(key, first, agent));
        Routing.publish(routed(key, first, agent, ana, "my invoice is wrong", Instant.now().minusSeconds(3600)));
        Routing.publish(Routing.resolved(key, first, agent));
        Routing.publish(Routing.assigned(key, second, agent));
        Routing.publish(routed(key, second, agent, Customer.of(phone, Map.of("wa_id", phone)), "me again",
                Instant.now()));
        Awaitility.await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> given().auth()
                .oauth2(TestTokens.agent(agent)).get("/me/conversations/" + key).then().statusCode(200)
                .body("conversationId", equalTo(second)).body("transcript.text", hasItem("me again")));

        JsonPath customer = given().auth().oauth2(TestTokens.agent(agent)).get("/me/conversations/" + key
                + "/customer").then().statusCode(200).extract().jsonPath();
        assertThat(customer.getString("name")).isEqualTo("Ana Pérez");
        assertThat(customer.getString("language")).isEqualTo("es");
        assertThat(customer.getString("channel")).isEqualTo("whatsapp");
        assertThat(customer.getString("channelAccountId")).isEqualTo(Routing.WA_ACCOUNT);
        assertThat(customer.getMap("identities")).as("read back as an object").isEqualTo(Map.of("wa_id", phone,
                "phone", "+" + phone));
        assertThat(Instant.parse(customer.getString("firstContactAt")))
                .isBefore(Instant.parse(customer.getString("lastContactAt")));
        List<Map<String, Object>> previous = customer.getList("previousConversations");
        assertThat(previous).hasSize(1);
        assertThat(previous.get(0)).containsEntry("conversationId", first).containsEntry("outcome", "resolved")
                .containsEntry("disposition", "solved").containsEntry("queueId", "support")
                .containsEntry("agentId", agent)
                .containsEntry("history", "/me/conversations/" + key + "/history/" + first);
        assertThat(previous.get(0).get("closedAt")).isNotNull();

        // The first conversation's transcript, through the link
        given().auth().oauth2(TestTokens.agent(agent)).get((String) previous.get(0).get("history")).then()
                .statusCode(200).body("conversationId", equalTo(first)).body("outcome", equalTo("resolved"))
                .body("transcript.text", equalTo(List.of("my invoice is wrong")));
        // The open one is not history; an unknown id neither
        given().auth().oauth2(TestTokens.agent(agent)).get("/me/conversations/" + key + "/history/" + second)
                .then().statusCode(404).body("error", equalTo("unknown_history"));

        // Another agent sees neither; a supervisor sees both under the supervisors' paths
        given().auth().oauth2(TestTokens.agent(other)).get("/me/conversations/" + key + "/customer").then()
                .statusCode(403).body("error", equalTo("not_yours"));
        given().auth().oauth2(TestTokens.agent(other)).get("/me/conversations/" + key + "/history/" + first).then()
                .statusCode(403).body("error", equalTo("not_yours"));
        given().auth().oauth2(TestTokens.agent(other)).get("/me/conversations/wa:1:0/customer").then()
                .statusCode(404).body("error", equalTo("unknown_conversation"));
        given().auth().oauth2(TestTokens.supervisor()).get("/conversations/" + key + "/customer").then()
                .statusCode(200).body("name", equalTo("Ana Pérez"))
                .body("previousConversations[0].history", equalTo("/conversations/" + key + "/history/" + first));
        given().auth().oauth2(TestTokens.supervisor()).get("/conversations/" + key + "/history/" + first).then()
                .statusCode(200).body("transcript.text", equalTo(List.of("my invoice is wrong")));
    }

    @Test
    void theHistoryFollowsTheCustomerToTheirNewKey() {
        String agent = ActionsTest.agent();
        String oldKey = Routing.conversationKey();
        String newKey = Channel.WHATSAPP.conversationKey(Routing.WA_ACCOUNT, "US." + Routing.id());
        String phone = oldKey.substring(oldKey.lastIndexOf(':') + 1);
        String first = "c1-" + Routing.id();
        String second = "c2-" + Routing.id();
        Customer ana = new Customer(phone, "Ana", null, null, Map.of("wa_id", phone), Map.of());
        Routing.publish(Routing.assigned(oldKey, first, agent));
        Routing.publish(routed(oldKey, first, agent, ana, "first time", Instant.now().minusSeconds(60)));
        Routing.publish(Routing.resolved(oldKey, first, agent));
        Routing.publish(Routing.assigned(oldKey, second, agent));
        Routing.publish(routed(oldKey, second, agent, ana, "second time", Instant.now()));
        Awaitility.await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> given().auth()
                .oauth2(TestTokens.agent(agent)).get("/me/conversations/" + oldKey + "/customer").then()
                .statusCode(200).body("previousConversations.size()", equalTo(1)));

        String newUser = newKey.substring(newKey.lastIndexOf(':') + 1);
        try (KafkaTestClient kafka = new KafkaTestClient()) {
            kafka.produce(CloudEventCodec.toRecord(new ContactIdentityChanged("wa:wamid." + UUID.randomUUID(),
                    Channel.WHATSAPP, Routing.WA_ACCOUNT, newKey, Customer.of(phone, Map.of("wa_id", phone)),
                    "wamid.x", "user_changed_user_id", Map.of("bsuid", newUser), "changed", Instant.now(),
                    Instant.now(), new RawRef(Topics.RAW_WEBHOOKS, 0, 0), oldKey), "/test/ingress"));
        }

        Awaitility.await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> given().auth()
                .oauth2(TestTokens.agent(agent)).get("/me/conversations/" + newKey + "/customer").then()
                .statusCode(200).body("name", equalTo("Ana")).body("identities.wa_id", equalTo(phone))
                .body("previousConversations.conversationId", equalTo(List.of(first))));
        given().auth().oauth2(TestTokens.agent(agent)).get("/me/conversations/" + newKey + "/history/" + first)
                .then().statusCode(200).body("transcript.text", equalTo(List.of("first time")));
    }

    static MessageRouted routed(String key, String conversationId, String agentId, Customer customer, String text,
            Instant sentAt) {
        String messageId = "wa:wamid." + Routing.id();
        return new MessageRouted(messageId + ":routed:" + agentId, Channel.WHATSAPP, Routing.WA_ACCOUNT, key,
                conversationId, agentId, messageId, "wamid." + Routing.id(), customer, MessageContent.text(text),
                sentAt, Instant.now(), null, null, null, null);
    }
}
