package io.switchboard.routing;

import static io.switchboard.routing.QueueAdmin.put;
import static io.switchboard.routing.QueueAdmin.queue;
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
import io.switchboard.events.AgentPresence;
import io.switchboard.events.AgentStateChanged;
import io.switchboard.events.Channel;
import io.switchboard.events.CloudEventCodec;
import io.switchboard.events.ConversationOffered;
import io.switchboard.events.Customer;
import io.switchboard.events.EventType;
import io.switchboard.events.MessageContent;
import io.switchboard.events.MessageReceived;
import io.switchboard.events.MessageRouted;
import io.switchboard.events.OfferAccepted;
import io.switchboard.events.RawRef;
import io.switchboard.events.ResolutionRequested;
import io.switchboard.events.ThreadControlAction;
import io.switchboard.events.ThreadControlChangeRequested;
import io.switchboard.events.ThreadControlPassed;
import io.switchboard.events.ThreadControlReported;
import io.switchboard.events.ThreadControlRequested;
import io.switchboard.events.ThreadControlTaken;
import io.switchboard.events.Topics;
import io.switchboard.testing.KafkaResource;
import io.switchboard.testing.KafkaTestClient;
import io.switchboard.testing.PostgresResource;

/**
 * Meta's handover protocol (docs/channels.md §3.8): a Messenger thread another app controls is not offered until
 * the thread is Switchboard's; a queue may take it; a thread taken from an agent's conversation is reported; a taken
 * thread goes back to the primary app on resolve. Switchboard's app id and the primary app come from the test
 * profile (application.properties).
 */
@QuarkusTest
@QuarkusTestResource(value = KafkaResource.class, initArgs = @ResourceArg(name = KafkaResource.TOPICS_ARG,
        value = "switchboard.inbound.v1:3,switchboard.agents.v1:3,switchboard.agent-actions.v1:3,"
                + "switchboard.routing.v1:3,switchboard.outbound.v1:3"))
@QuarkusTestResource(PostgresResource.class)
class ThreadControlRoutingTest extends RoutingTestBase {

    static final String US = "4410000000000001";
    static final String PRIMARY = "1517776481860111";
    static final String PAGE_INBOX = "263902037430900";

    @Test
    void aStandbyMessageIsNotOfferedUntilControlIsPassedToSwitchboard() {
        String page = page("never");
        String agent = messengerAgent();
        MessageReceived standby = message(page, fresh("psid"), "where is my order?").asStandby();
        String key = standby.conversationKey();

        send(standby);
        awaitState(key, "standby");
        // A sweep (every second) would offer a waiting conversation to the available agent: this one stays put.
        await().during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(5)).until(() -> state(key).equals("standby"));
        assertThat(published(key, EventType.CONVERSATION_OFFERED)).isEmpty();

        send(passed(standby, PRIMARY, US));

        ConversationOffered offered = routing(key, EventType.CONVERSATION_OFFERED);
        assertThat(offered.agentId()).isEqualTo(agent);
        send(accept(offered));
        MessageRouted routed = routing(key, EventType.MESSAGE_ROUTED);
        assertThat(routed.messageEventId()).isEqualTo(standby.eventId());
        assertThat(routed.standby()).isTrue();
        assertThat(sql("SELECT owner_app_id FROM routing.thread_control WHERE conversation_key = $1", key)
                .iterator().next().getString("owner_app_id")).isNull();
    }

    @Test
    void aThreadTakenWhileAssignedStaysWithTheAgentWhoIsTold() {
        String page = page("never");
        String agent = messengerAgent();
        MessageReceived first = message(page, fresh("psid"), "hello");
        String key = first.conversationKey();
        send(first);
        ConversationOffered offered = routing(key, EventType.CONVERSATION_OFFERED);
        send(accept(offered));
        routing(key, EventType.MESSAGE_ROUTED);

        send(new ThreadControlTaken(fresh("fb:take_thread_control"), Channel.MESSENGER, page, key, first.customer(),
                US, PAGE_INBOX, "a person took it in the Page inbox", Instant.now(), Instant.now(), raw()));

        ThreadControlReported reported = routing(key, EventType.THREAD_CONTROL_REPORTED);
        assertThat(reported.agentId()).isEqualTo(agent);
        assertThat(reported.threadOwner()).isEqualTo(PAGE_INBOX);
        assertThat(reported.change()).isEqualTo("taken");
        assertThat(reported.metadata()).isEqualTo("a person took it in the Page inbox");
        assertThat(state(key)).isEqualTo("assigned");

        // The customer's next message arrives as standby: the agent sees it, marked
        MessageReceived next = message(page, first.customer().externalUserId(), "anyone?").asStandby();
        send(next);
        List<MessageRouted> routed = routing(key, EventType.MESSAGE_ROUTED, 2);
        assertThat(routed.get(1).messageEventId()).isEqualTo(next.eventId());
        assertThat(routed.get(1).standby()).isTrue();
    }

    @Test
    void aRequestForTheThreadIsRecordedAndReported() {
        String page = page("never");
        messengerAgent();
        MessageReceived first = message(page, fresh("psid"), "hello");
        String key = first.conversationKey();
        send(first);
        routing(key, EventType.CONVERSATION_OFFERED);

        send(new ThreadControlRequested(fresh("fb:request_thread_control"), Channel.MESSENGER, page, key,
                first.customer(), PRIMARY, "the bot wants it back", Instant.now(), Instant.now(), raw()));

        ThreadControlReported reported = routing(key, EventType.THREAD_CONTROL_REPORTED);
        assertThat(reported.change()).isEqualTo("requested");
        assertThat(reported.appId()).isEqualTo(PRIMARY);
        assertThat(reported.threadOwner()).isEqualTo(ThreadControlReported.SWITCHBOARD);
        var row = sql("SELECT requested_by_app_id, requested_metadata, owner_app_id FROM routing.thread_control"
                + " WHERE conversation_key = $1", key).iterator().next();
        assertThat(row.getString("requested_by_app_id")).isEqualTo(PRIMARY);
        assertThat(row.getString("requested_metadata")).isEqualTo("the bot wants it back");
        assertThat(row.getString("owner_app_id")).isNull();
    }

    @Test
    void aCustomerAskingForAHumanMakesSwitchboardTakeTheThreadAndResolvingPassesItBack() {
        String page = page("on_human_request");
        String agent = messengerAgent();
        String psid = fresh("psid");
        MessageReceived hello = message(page, psid, "hello bot").asStandby();
        String key = hello.conversationKey();
        send(hello);
        awaitState(key, "standby");

        MessageReceived human = message(page, psid, "I want to talk to a HUMAN please").asStandby();
        send(human);

        ThreadControlChangeRequested take = outbound(key, 1).get(0);
        assertThat(take.action()).isEqualTo(ThreadControlAction.TAKE);
        assertThat(take.recipientId()).isEqualTo(psid);
        assertThat(take.channelAccountId()).isEqualTo(page);
        assertThat(take.targetAppId()).isNull();
        ConversationOffered offered = routing(key, EventType.CONVERSATION_OFFERED);
        assertThat(offered.agentId()).isEqualTo(agent);
        send(accept(offered));
        assertThat(this.<MessageRouted>routing(key, EventType.MESSAGE_ROUTED, 2))
                .extracting(MessageRouted::messageEventId).containsExactly(hello.eventId(), human.eventId());

        send(new ResolutionRequested(fresh("resolve"), Channel.MESSENGER, page, key, offered.conversationId(), agent,
                "solved", null, Instant.now()));

        ThreadControlChangeRequested pass = outbound(key, 2).get(1);
        assertThat(pass.action()).isEqualTo(ThreadControlAction.PASS);
        assertThat(pass.targetAppId()).isEqualTo(PRIMARY);
        assertThat(pass.recipientId()).isEqualTo(psid);
        assertThat(pass.conversationId()).isEqualTo(offered.conversationId());
    }

    @Test
    void aQueueThatNeverTakesControlSendsNoTake() {
        String page = page("never");
        messengerAgent();
        MessageReceived human = message(page, fresh("psid"), "human please").asStandby();
        String key = human.conversationKey();
        send(human);
        awaitState(key, "standby");
        await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(4)).until(() -> state(key).equals("standby"));
        assertThat(kafka.readAll(Topics.OUTBOUND).stream().filter(r -> key.equals(r.key()))).isEmpty();
    }

    @Test
    void aWhatsAppConversationTakenByMetasAiAgentIsStandbyUntilPassedBack() {
        // A queue nobody can serve (a skill no agent has): the conversation stays queued while it is ours.
        String number = String.valueOf(Math.abs(UUID.randomUUID().getMostSignificantBits()));
        Map<String, Object> queue = queue("channelAccountId == '" + number + "'", 5);
        queue.put("requiredSkills", Map.of(fresh("skill").replace('-', '_'), 1));
        put(fresh("wa-handover"), queue).statusCode(200);
        String bsuid = "US." + Math.abs(UUID.randomUUID().getLeastSignificantBits());
        Customer customer = Customer.of(bsuid, Map.of("bsuid", bsuid));
        String key = Channel.WHATSAPP.conversationKey(number, bsuid);
        send(new MessageReceived("wa:wamid." + UUID.randomUUID(), Channel.WHATSAPP, number, key, customer,
                "wamid." + UUID.randomUUID(), Instant.now(), Instant.now(), MessageContent.text("hi"), raw()));
        awaitState(key, "queued");

        send(new ThreadControlTaken(fresh("wa:control_taken"), Channel.WHATSAPP, number, key, customer,
                "escalation_partner", "ai_agent", null, Instant.now(), Instant.now(), raw()));

        awaitState(key, "standby");
        ThreadControlReported reported = routing(key, EventType.THREAD_CONTROL_REPORTED);
        assertThat(reported.threadOwner()).isEqualTo("ai_agent");
        assertThat(reported.change()).isEqualTo("taken");

        send(new ThreadControlPassed(fresh("wa:control_passed"), Channel.WHATSAPP, number, key, customer, "ai_agent",
                "escalation_partner", "customer asked for a person", Instant.now(), Instant.now(), raw()));

        awaitState(key, "queued");
        assertThat(sql("SELECT owner_app_id FROM routing.thread_control WHERE conversation_key = $1", key)
                .iterator().next().getString("owner_app_id")).isNull();
    }

    /** A Page of the test's own, with a queue that matches only it. */
    private String page(String takeControl) {
        String page = String.valueOf(Math.abs(UUID.randomUUID().getMostSignificantBits()));
        Map<String, Object> queue = queue("channelAccountId == '" + page + "'", 5);
        queue.put("takeControl", takeControl);
        put(fresh("handover"), queue).statusCode(200);
        return page;
    }

    private String messengerAgent() {
        String agentId = fresh("agent");
        send(new AgentStateChanged(agentId + ":1", agentId, agentId, List.of("en"), List.of(),
                Map.of("messenger", 3), AgentPresence.AVAILABLE, Instant.now().minusSeconds(300), null, null, true, 1,
                Instant.now()));
        await().atMost(Duration.ofSeconds(30)).until(() -> sql(
                "SELECT 1 FROM routing.agents WHERE agent_id = $1", agentId).size() == 1);
        return agentId;
    }

    static MessageReceived message(String page, String psid, String text) {
        return new MessageReceived("fb:m_" + UUID.randomUUID(), Channel.MESSENGER, page,
                Channel.MESSENGER.conversationKey(page, psid), Customer.of(psid, Map.of("psid", psid)),
                "m_" + UUID.randomUUID(), Instant.now(), Instant.now(), MessageContent.text(text), raw());
    }

    private static ThreadControlPassed passed(MessageReceived of, String from, String to) {
        return new ThreadControlPassed(fresh("fb:pass_thread_control"), of.channel(), of.channelAccountId(),
                of.conversationKey(), of.customer(), from, to, "handing over", Instant.now(), Instant.now(), raw());
    }

    private static OfferAccepted accept(ConversationOffered offered) {
        return new OfferAccepted(fresh("req"), offered.channel(), offered.channelAccountId(),
                offered.conversationKey(), offered.conversationId(), offered.agentId(), offered.offerId(),
                Instant.now());
    }

    private List<ThreadControlChangeRequested> outbound(String key, int count) {
        return kafka.awaitRecords(Topics.OUTBOUND, count, r -> key.equals(r.key())
                && EventType.THREAD_CONTROL_CHANGE_REQUESTED.ceType().equals(
                        KafkaTestClient.header(r, CloudEventCodec.HEADER_TYPE)))
                .stream().map(r -> (ThreadControlChangeRequested) decode(r)).toList();
    }

    private void awaitState(String key, String state) {
        await().atMost(Duration.ofSeconds(30)).until(() -> state.equals(state(key)));
    }

    private String state(String key) {
        var rows = sql("SELECT state FROM routing.conversations WHERE conversation_key = $1 AND closed_at IS NULL",
                key);
        return rows.size() == 0 ? "" : rows.iterator().next().getString("state");
    }

    private static RawRef raw() {
        return new RawRef(Topics.RAW_WEBHOOKS, 0, 0);
    }
}
