package io.switchboard.routing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.switchboard.events.CallDirection;
import io.switchboard.events.CallEnded;
import io.switchboard.events.CallOutcome;
import io.switchboard.events.CallPermissionAnswered;
import io.switchboard.events.CallReceived;
import io.switchboard.events.Channel;
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

/**
 * Calls (docs/channels.md §2.11): shown to the assigned agent in order with the messages; a missed call on a queue
 * with {@code callbacks} opens a conversation offered as a callback task; without it, no conversation.
 */
@QuarkusTest
@QuarkusTestResource(value = KafkaResource.class, initArgs = @ResourceArg(name = KafkaResource.TOPICS_ARG,
        value = "switchboard.inbound.v1:3,switchboard.agents.v1:3,switchboard.agent-actions.v1:3,"
                + "switchboard.routing.v1:3"))
@QuarkusTestResource(PostgresResource.class)
class CallRoutingTest extends RoutingTestBase {

    @Test
    void aMissedCallOnAQueueWithCallbacksIsOfferedAsACallbackAndTheCallReachesTheAgent() {
        String account = "9" + (100_000_000L + (long) (Math.random() * 800_000_000L));
        Map<String, Object> queue = QueueAdmin.queue("channelAccountId == '" + account + "'", 500);
        queue.put("callbacks", "missed");
        QueueAdmin.put(fresh("callbacks"), queue).statusCode(200);
        String agent = fresh("agent");
        availableAgent(agent, Duration.ofMinutes(5), 2);
        String user = fresh("user");

        CallEnded missed = ended(account, user, CallOutcome.MISSED);
        send(missed);

        String key = missed.conversationKey();
        ConversationQueued queued = routing(key, EventType.CONVERSATION_QUEUED);
        assertThat(queued.reason()).isEqualTo("callback_requested");
        ConversationOffered offered = routing(key, EventType.CONVERSATION_OFFERED);
        assertThat(offered.agentId()).isEqualTo(agent);
        assertThat(offered.reason()).isEqualTo(ConversationOffered.CALLBACK_REQUESTED);
        assertThat(offered.callback()).isTrue();

        send(new OfferAccepted(fresh("req"), Channel.WHATSAPP, account, key, offered.conversationId(), agent,
                offered.offerId(), Instant.now()));
        MessageRouted routed = routing(key, EventType.MESSAGE_ROUTED);
        assertThat(routed.kindOrMessage()).isEqualTo(MessageRouted.Kind.CALL);
        assertThat(routed.messageEventId()).isEqualTo(missed.eventId());
        assertThat(routed.call()).isEqualTo(new MessageRouted.Call(missed.callId(), CallDirection.USER_INITIATED,
                CallOutcome.MISSED, null, null, null, true));
    }

    @Test
    void withoutCallbacksAMissedCallOpensNothing() {
        String account = "8" + (100_000_000L + (long) (Math.random() * 800_000_000L));
        QueueAdmin.put(fresh("nocallbacks"), QueueAdmin.queue("channelAccountId == '" + account + "'", 500))
                .statusCode(200);
        String user = fresh("user");
        CallEnded missed = ended(account, user, CallOutcome.MISSED);
        send(missed);
        // A message after it opens the conversation: had the call opened one, its queued event would come first.
        MessageReceived later = message(account, user, "are you there?");
        send(later);

        ConversationQueued queued = routing(later.conversationKey(), EventType.CONVERSATION_QUEUED);
        assertThat(queued.reason()).isEqualTo("new_conversation");
        assertThat(queued.cause()).isEqualTo(later.eventId());
        assertThat(published(later.conversationKey(), EventType.CONVERSATION_QUEUED)).hasSize(1);
    }

    @Test
    void callsAndPermissionAnswersOfAnAssignedConversationReachTheAgentInOrderWithMessages() {
        String agent = fresh("agent");
        availableAgent(agent, Duration.ofMinutes(5), 2);
        String user = fresh("user");
        MessageReceived first = message(ACCOUNT, user, "please call me");
        String key = first.conversationKey();
        send(first);
        ConversationOffered offered = routing(key, EventType.CONVERSATION_OFFERED);
        assertThat(offered.reason()).isNull();
        send(new OfferAccepted(fresh("req"), Channel.WHATSAPP, ACCOUNT, key, offered.conversationId(), agent,
                offered.offerId(), Instant.now()));
        ConversationAssigned assigned = routing(key, EventType.CONVERSATION_ASSIGNED);
        assertThat(assigned.agentId()).isEqualTo(agent);

        CallPermissionAnswered permission = new CallPermissionAnswered("wa:wamid." + UUID.randomUUID(),
                Channel.WHATSAPP, ACCOUNT, key, customer(user), "wamid.p", true, false,
                Instant.parse("2026-12-13T10:00:00Z"), "user_action", Instant.now(), Instant.now(), raw());
        CallReceived ringing = new CallReceived("wa:call:wacid." + UUID.randomUUID() + ":connect", Channel.WHATSAPP,
                ACCOUNT, key, customer(user), "wacid.r", CallDirection.USER_INITIATED, Instant.now(), Instant.now(),
                raw());
        CallEnded completed = new CallEnded("wa:call:wacid." + UUID.randomUUID() + ":terminate", Channel.WHATSAPP,
                ACCOUNT, key, customer(user), "wacid.r", CallDirection.USER_INITIATED, CallOutcome.COMPLETED,
                Instant.parse("2026-12-06T10:00:00Z"), Instant.parse("2026-12-06T10:02:11Z"), 131, List.of(),
                Instant.now(), Instant.now(), raw());
        send(permission);
        send(ringing);
        send(completed);

        List<MessageRouted> routed = routing(key, EventType.MESSAGE_ROUTED, 4);
        assertThat(routed).extracting(MessageRouted::messageEventId).containsExactly(first.eventId(),
                permission.eventId(), ringing.eventId(), completed.eventId());
        assertThat(routed).extracting(MessageRouted::kindOrMessage).containsExactly(MessageRouted.Kind.MESSAGE,
                MessageRouted.Kind.CALL_PERMISSION, MessageRouted.Kind.CALL, MessageRouted.Kind.CALL);
        assertThat(routed.get(1).callPermission()).isEqualTo(new MessageRouted.CallPermission(true, false,
                Instant.parse("2026-12-13T10:00:00Z")));
        assertThat(routed.get(2).call().outcome()).isNull();
        assertThat(routed.get(3).call()).isEqualTo(new MessageRouted.Call("wacid.r", CallDirection.USER_INITIATED,
                CallOutcome.COMPLETED, Instant.parse("2026-12-06T10:00:00Z"), Instant.parse("2026-12-06T10:02:11Z"),
                131, false));
        await().atMost(Duration.ofSeconds(10)).until(() -> published(key, EventType.CONVERSATION_QUEUED).size() == 1);
    }

    private static CallEnded ended(String account, String user, CallOutcome outcome) {
        return new CallEnded("wa:call:wacid." + UUID.randomUUID() + ":terminate", Channel.WHATSAPP, account,
                Channel.WHATSAPP.conversationKey(account, user), customer(user), "wacid." + UUID.randomUUID(),
                CallDirection.USER_INITIATED, outcome, null, null, null, List.of(), Instant.now(), Instant.now(),
                raw());
    }

    private static Customer customer(String user) {
        return Customer.of(user, Map.of("wa_id", user));
    }

    private static RawRef raw() {
        return new RawRef(Topics.RAW_WEBHOOKS, 0, 0);
    }
}
