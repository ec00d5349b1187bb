package io.switchboard.routing;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.switchboard.events.Channel;
import io.switchboard.events.ContactIdentityChanged;
import io.switchboard.events.ConversationAssigned;
import io.switchboard.events.ConversationOffered;
import io.switchboard.events.ConversationQueued;
import io.switchboard.events.Customer;
import io.switchboard.events.EventType;
import io.switchboard.events.MessageReceived;
import io.switchboard.events.MessageRouted;
import io.switchboard.events.OfferAccepted;
import io.switchboard.events.RawRef;
import io.switchboard.events.Topics;
import io.switchboard.testing.KafkaResource;
import io.switchboard.testing.PostgresResource;

/** A customer's identity changes mid-conversation: the conversation continues under the new key. */
@QuarkusTest
@QuarkusTestResource(value = KafkaResource.class, initArgs = @ResourceArg(name = KafkaResource.TOPICS_ARG,
        value = "switchboard.inbound.v1:3,switchboard.agents.v1:3,switchboard.agent-actions.v1:3,"
                + "switchboard.routing.v1:3"))
@QuarkusTestResource(PostgresResource.class)
class IdentityChangeTest extends RoutingTestBase {

    @Test
    void anAssignedConversationContinuesUnderTheNewKeyAndARedeliveryChangesNothing() {
        // Given a conversation assigned to an agent under the customer's old BSUID
        String agent = fresh("agent");
        availableAgent(agent, Duration.ofMinutes(10), 2);
        String oldUser = "US." + digits();
        String newUser = "US." + digits();
        MessageReceived first = message(oldUser);
        String oldKey = first.conversationKey();
        String newKey = Channel.WHATSAPP.conversationKey(ACCOUNT, newUser);
        send(first);
        ConversationOffered offered = routing(oldKey, EventType.CONVERSATION_OFFERED);
        send(new OfferAccepted(fresh("req"), Channel.WHATSAPP, ACCOUNT, oldKey, offered.conversationId(), agent,
                offered.offerId(), Instant.now()));
        routing(oldKey, EventType.CONVERSATION_ASSIGNED);

        // When WhatsApp announces the new BSUID (twice: a redelivery) and the customer writes under it
        ContactIdentityChanged change = changed(oldUser, newUser);
        send(change);
        send(change);
        MessageReceived second = message(newUser);
        send(second);

        // Then the message joins the same conversation, routed to the same agent under the new key
        MessageRouted routed = routing(newKey, EventType.MESSAGE_ROUTED);
        assertThat(routed.messageEventId()).isEqualTo(second.eventId());
        assertThat(routed.conversationId()).isEqualTo(offered.conversationId());
        assertThat(routed.agentId()).isEqualTo(agent);
        assertThat(published(newKey, EventType.CONVERSATION_QUEUED)).isEmpty();
        assertThat(sql("SELECT conversation_key FROM routing.conversations WHERE conversation_id = $1",
                offered.conversationId()).iterator().next().getString("conversation_key")).isEqualTo(newKey);
        assertThat(sql("SELECT 1 FROM routing.inbox WHERE event_id = $1", change.eventId())).hasSize(1);
        assertThat(load(agent)).isEqualTo(1);
    }

    @Test
    void aWaitingConversationKeepsItsHeldMessagesAndIsAssignedUnderTheNewKey() {
        // Given a conversation waiting (nobody available) under the customer's old phone
        String oldUser = "1650" + digits();
        String newUser = "1650" + digits();
        MessageReceived first = message(oldUser);
        String oldKey = first.conversationKey();
        String newKey = Channel.WHATSAPP.conversationKey(ACCOUNT, newUser);
        send(first);
        ConversationQueued queued = routing(oldKey, EventType.CONVERSATION_QUEUED);

        // When the number changes, the customer writes from the new one, and an agent comes
        send(changed(oldUser, newUser));
        MessageReceived second = message(newUser);
        send(second);
        awaitHeld(queued.conversationId(), 2);
        String agent = fresh("agent");
        availableAgent(agent, Duration.ofMinutes(10), 2);
        ConversationOffered offered = routing(newKey, EventType.CONVERSATION_OFFERED);
        send(new OfferAccepted(fresh("req"), Channel.WHATSAPP, ACCOUNT, newKey, offered.conversationId(), agent,
                offered.offerId(), Instant.now()));

        // Then one conversation, assigned under the new key, with both messages in order
        assertThat(offered.conversationId()).isEqualTo(queued.conversationId());
        ConversationAssigned assigned = routing(newKey, EventType.CONVERSATION_ASSIGNED);
        assertThat(assigned.conversationId()).isEqualTo(queued.conversationId());
        List<MessageRouted> routed = routing(newKey, EventType.MESSAGE_ROUTED, 2);
        assertThat(routed).extracting(MessageRouted::messageEventId)
                .containsExactly(first.eventId(), second.eventId());
        assertThat(published(newKey, EventType.CONVERSATION_QUEUED)).isEmpty();
    }

    @Test
    void aChangeThatKeepsTheKeyOrFindsNoConversationMovesNothing() {
        // Given an open conversation
        String user = "1650" + digits();
        MessageReceived first = message(user);
        send(first);
        ConversationQueued queued = routing(first.conversationKey(), EventType.CONVERSATION_QUEUED);

        // When its identity key changes (same conversation key) and an unknown customer changes number
        ContactIdentityChanged keyOnly = new ContactIdentityChanged("wa:wamid." + UUID.randomUUID(),
                Channel.WHATSAPP, ACCOUNT, first.conversationKey(), first.customer(), "wamid.x",
                "customer_identity_changed", Map.of("identity_key_hash", "abc"), "changed", Instant.now(),
                Instant.now(), new RawRef(Topics.RAW_WEBHOOKS, 0, 0));
        ContactIdentityChanged stranger = changed("1650" + digits(), "1650" + digits());
        send(keyOnly);
        send(stranger);

        // Then both are taken (inbox) and the conversation stays where it was
        await(() -> sql("SELECT 1 FROM routing.inbox WHERE event_id = ANY($1)",
                (Object) new String[] {keyOnly.eventId(), stranger.eventId()}).size() == 2);
        assertThat(sql("SELECT conversation_key FROM routing.conversations WHERE conversation_id = $1",
                queued.conversationId()).iterator().next().getString("conversation_key"))
                .isEqualTo(first.conversationKey());
    }

    private static ContactIdentityChanged changed(String oldUser, String newUser) {
        String kind = oldUser.startsWith("US.") ? "bsuid" : "wa_id";
        return new ContactIdentityChanged("wa:wamid." + UUID.randomUUID(), Channel.WHATSAPP, ACCOUNT,
                Channel.WHATSAPP.conversationKey(ACCOUNT, newUser), Customer.of(oldUser, Map.of(kind, oldUser)),
                "wamid." + UUID.randomUUID(), kind.equals("bsuid") ? "user_changed_user_id" : "user_changed_number",
                Map.of(kind, newUser), "changed", Instant.now(), Instant.now(), new RawRef(Topics.RAW_WEBHOOKS, 0, 0),
                Channel.WHATSAPP.conversationKey(ACCOUNT, oldUser));
    }

    private void awaitHeld(String conversationId, int count) {
        await(() -> sql("SELECT 1 FROM routing.held_messages WHERE conversation_id = $1", conversationId)
                .size() == count);
    }

    private static void await(java.util.concurrent.Callable<Boolean> condition) {
        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(30)).until(condition);
    }

    private static String digits() {
        return String.valueOf(Math.abs(UUID.randomUUID().getMostSignificantBits()) % 10_000_000_000L);
    }
}
