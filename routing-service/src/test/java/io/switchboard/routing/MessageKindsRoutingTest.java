package io.switchboard.routing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.switchboard.events.Channel;
import io.switchboard.events.ConversationOffered;
import io.switchboard.events.EventType;
import io.switchboard.events.InboundEvent;
import io.switchboard.events.MediaRef;
import io.switchboard.events.MessageContent;
import io.switchboard.events.MessageEdited;
import io.switchboard.events.MessageReacted;
import io.switchboard.events.MessageReceived;
import io.switchboard.events.MessageRevoked;
import io.switchboard.events.MessageRouted;
import io.switchboard.events.MessageType;
import io.switchboard.events.OfferAccepted;
import io.switchboard.events.RawRef;
import io.switchboard.events.Topics;
import io.switchboard.testing.KafkaResource;
import io.switchboard.testing.PostgresResource;

/** Reactions, edits and unsends reach the agent like messages, in order, held while the conversation waits. */
@QuarkusTest
@QuarkusTestResource(value = KafkaResource.class, initArgs = @ResourceArg(name = KafkaResource.TOPICS_ARG,
        value = "switchboard.inbound.v1:3,switchboard.agents.v1:3,switchboard.agent-actions.v1:3,"
                + "switchboard.routing.v1:3"))
@QuarkusTestResource(PostgresResource.class)
class MessageKindsRoutingTest extends RoutingTestBase {

    @Test
    void reactionsEditsAndUnsendsAreHeldWithTheMessagesAndRoutedInOrderOnceAssigned() {
        // Given a conversation offered to an agent, not yet accepted
        String agent = fresh("agent");
        availableAgent(agent, Duration.ofMinutes(5), 2);
        MessageReceived first = message(fresh("user"));
        String key = first.conversationKey();
        send(first);
        ConversationOffered offered = routing(key, EventType.CONVERSATION_OFFERED);

        // When the customer reacts to, edits and unsends messages while it waits
        MessageReacted reacted = reaction(first, first.externalMessageId(), "👍");
        MessageEdited edited = edit(first, first.externalMessageId(), "hello, corrected");
        MessageRevoked revoked = revoke(first, first.externalMessageId());
        List.<InboundEvent>of(reacted, edited, revoked).forEach(this::send);
        await().atMost(Duration.ofSeconds(30)).until(() -> sql(
                "SELECT 1 FROM routing.held_messages WHERE conversation_id = $1", offered.conversationId())
                .size() == 4);
        send(new OfferAccepted(fresh("req"), Channel.WHATSAPP, ACCOUNT, key, offered.conversationId(), agent,
                offered.offerId(), Instant.now()));

        // Then the agent gets all four, in the order the customer did them, each with what it is about
        List<MessageRouted> routed = routing(key, EventType.MESSAGE_ROUTED, 4);
        assertThat(routed).extracting(MessageRouted::messageEventId)
                .containsExactly(first.eventId(), reacted.eventId(), edited.eventId(), revoked.eventId());
        assertThat(routed).extracting(MessageRouted::kindOrMessage).containsExactly(MessageRouted.Kind.MESSAGE,
                MessageRouted.Kind.REACTION, MessageRouted.Kind.EDIT, MessageRouted.Kind.REVOCATION);
        assertThat(routed.get(0).content().text()).isEqualTo("hello");
        assertThat(routed.get(1).targetMessageId()).isEqualTo(first.externalMessageId());
        assertThat(routed.get(1).reaction()).isEqualTo(new MessageRouted.Reaction("👍", null, false));
        assertThat(routed.get(1).content()).isNull();
        assertThat(routed.get(2).targetMessageId()).isEqualTo(first.externalMessageId());
        assertThat(routed.get(2).content().text()).isEqualTo("hello, corrected");
        assertThat(routed.get(2).editCount()).isEqualTo(1);
        assertThat(routed.get(3).targetMessageId()).isEqualTo(first.externalMessageId());
        assertThat(routed).allSatisfy(r -> assertThat(r.agentId()).isEqualTo(agent));
        assertThat(sql("SELECT 1 FROM routing.held_messages WHERE conversation_id = $1", offered.conversationId())
                .size()).isZero();

        // And once assigned, an image and a taken-back reaction go straight to the agent
        MessageReceived image = new MessageReceived("wa:wamid." + UUID.randomUUID(), Channel.WHATSAPP, ACCOUNT, key,
                first.customer(), "wamid." + UUID.randomUUID(), Instant.now(), Instant.now(),
                new MessageContent(MessageType.IMAGE, "the receipt", null, List.of(new MediaRef("image", "1234567890",
                        null, "image/jpeg", "abc=", null, 2048L, null, null)), null, null, null, null, null, null),
                first.raw());
        send(image);
        MessageReacted unreacted = new MessageReacted("wa:wamid." + UUID.randomUUID(), Channel.WHATSAPP, ACCOUNT, key,
                first.customer(), "wamid." + UUID.randomUUID(), image.externalMessageId(), null, null, true,
                Instant.now(), Instant.now(), first.raw());
        send(unreacted);
        List<MessageRouted> later = this.<MessageRouted>routing(key, EventType.MESSAGE_ROUTED, 6).subList(4, 6);
        assertThat(later.get(0).content().media()).singleElement()
                .satisfies(m -> assertThat(m.mediaId()).isEqualTo("1234567890"));
        assertThat(later.get(1).reaction().removed()).isTrue();
        assertThat(later.get(1).targetMessageId()).isEqualTo(image.externalMessageId());
    }

    @Test
    void aReactionEditOrUnsendWithoutAnOpenConversationOpensNone() {
        // Given a customer without an open conversation
        String user = fresh("user");
        MessageReceived later = message(user);
        String key = later.conversationKey();

        // When they react to, edit and unsend an old message, and then write
        send(reaction(later, "wamid.old", "❤️"));
        send(edit(later, "wamid.old", "changed"));
        send(revoke(later, "wamid.old"));
        send(later);

        // Then only the message opens a conversation, and nothing else is routed or held for it
        assertThat(this.<io.switchboard.events.ConversationQueued>routing(key, EventType.CONVERSATION_QUEUED).cause()).isEqualTo(later.eventId());
        assertThat(sql("SELECT 1 FROM routing.conversations WHERE conversation_key = $1", key).size()).isEqualTo(1);
        assertThat(sql("SELECT h.event_id FROM routing.held_messages h JOIN routing.conversations c"
                + " USING (conversation_id) WHERE c.conversation_key = $1", key).iterator().next()
                .getString("event_id")).isEqualTo(later.eventId());
        assertThat(kafka.readAll(Topics.ROUTING).stream().filter(ofType(key, EventType.MESSAGE_ROUTED))).isEmpty();
    }

    private static MessageReacted reaction(MessageReceived of, String target, String emoji) {
        return new MessageReacted("wa:wamid." + UUID.randomUUID(), of.channel(), of.channelAccountId(),
                of.conversationKey(), of.customer(), "wamid." + UUID.randomUUID(), target, emoji, null, false,
                Instant.now(), Instant.now(), new RawRef(Topics.RAW_WEBHOOKS, 0, 0));
    }

    private static MessageEdited edit(MessageReceived of, String target, String text) {
        return new MessageEdited("wa:wamid." + UUID.randomUUID(), of.channel(), of.channelAccountId(),
                of.conversationKey(), of.customer(), "wamid." + UUID.randomUUID(), target, MessageContent.text(text),
                1, Instant.now(), Instant.now(), new RawRef(Topics.RAW_WEBHOOKS, 0, 0));
    }

    private static MessageRevoked revoke(MessageReceived of, String target) {
        return new MessageRevoked("wa:wamid." + UUID.randomUUID(), of.channel(), of.channelAccountId(),
                of.conversationKey(), of.customer(), "wamid." + UUID.randomUUID(), target, Instant.now(),
                Instant.now(), new RawRef(Topics.RAW_WEBHOOKS, 0, 0));
    }

}
