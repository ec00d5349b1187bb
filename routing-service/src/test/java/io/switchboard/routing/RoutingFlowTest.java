package io.switchboard.routing;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.switchboard.events.AgentActionRejected;
import io.switchboard.events.AgentPresence;
import io.switchboard.events.AgentStateChanged;
import io.switchboard.events.CandidateVerdict;
import io.switchboard.events.Channel;
import io.switchboard.events.CloudEventCodec;
import io.switchboard.events.ConversationAssigned;
import io.switchboard.events.ConversationOfferDeclined;
import io.switchboard.events.ConversationOfferExpired;
import io.switchboard.events.ConversationOffered;
import io.switchboard.events.ConversationQueued;
import io.switchboard.events.ConversationResolved;
import io.switchboard.events.Customer;
import io.switchboard.events.EventType;
import io.switchboard.events.MessageContent;
import io.switchboard.events.MessageReceived;
import io.switchboard.events.MessageRouted;
import io.switchboard.events.OfferAccepted;
import io.switchboard.events.OfferDeclined;
import io.switchboard.events.RawRef;
import io.switchboard.events.ResolutionRequested;
import io.switchboard.events.RoutingExplanation;
import io.switchboard.events.Topics;
import io.switchboard.messaging.deadletter.DeadLetterHeaders;
import io.switchboard.testing.KafkaResource;
import io.switchboard.testing.KafkaTestClient;
import io.switchboard.testing.PostgresResource;
import io.switchboard.testing.auth.TestTokens;

@QuarkusTest
@QuarkusTestResource(value = KafkaResource.class, initArgs = @ResourceArg(name = KafkaResource.TOPICS_ARG,
        value = "switchboard.inbound.v1:3,switchboard.agents.v1:3,switchboard.agent-actions.v1:3,"
                + "switchboard.routing.v1:3"))
@QuarkusTestResource(PostgresResource.class)
class RoutingFlowTest extends RoutingTestBase {

    @Test
    void theEventsPublishedFromTheOutboxContinueTheTraceOfTheMessage() {
        // Given a customer message that carries a trace context
        MessageReceived message = message(fresh("user"));
        String traceId = UUID.randomUUID().toString().replace("-", "");
        ProducerRecord<String, byte[]> record = CloudEventCodec.toRecord(message, SOURCE);
        record.headers().add("traceparent",
                ("00-" + traceId + "-00f067aa0ba902b7-01").getBytes(StandardCharsets.UTF_8));

        // When
        kafka.produce(record);

        // Then the event routing wrote to its outbox and relayed later is in the same trace
        ConsumerRecord<String, byte[]> queued = kafka.awaitRecords(Topics.ROUTING, 1,
                ofType(message.conversationKey(), EventType.CONVERSATION_QUEUED)).get(0);
        String traceparent = KafkaTestClient.header(queued, "traceparent");
        assertThat(traceparent).matches("00-[0-9a-f]{32}-[0-9a-f]{16}-01");
        assertThat(traceparent.split("-")[1]).isEqualTo(traceId);
    }

    @Test
    void metricsShowTheQueueDepthAndOldestWaitPerQueueAndTheConsumerLag() {
        // Given no agent is available
        MessageReceived message = message(fresh("user"));

        // When a conversation waits
        send(message);
        routing(message.conversationKey(), EventType.CONVERSATION_QUEUED);

        // Then the sweeper's next pass shows it in its queue, and the Kafka consumers report their lag
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(
                given().get("/q/metrics").then().statusCode(200).extract().asString())
                .containsPattern("switchboard_routing_queue_depth\\{queue=\"default\"\\} [1-9]")
                .containsPattern("switchboard_routing_queue_oldest_wait_seconds\\{queue=\"default\"\\} [0-9]")
                .contains("kafka_consumer_fetch_manager_records_lag_max"));
    }

    @Test
    void anSmsConversationIsQueuedAndOfferedLikeAnyOtherToAnAgentWithSmsCapacity() {
        // Given an agent idle for longer who takes only WhatsApp, and one who takes SMS
        String whatsappOnly = fresh("agent-wa-only");
        String smsAgent = fresh("agent-sms");
        availableAgent(whatsappOnly, Duration.ofMinutes(30), 2);
        send(new AgentStateChanged(smsAgent + ":1", smsAgent, smsAgent, List.of("en"), List.of(), Map.of("sms", 1),
                AgentPresence.AVAILABLE, Instant.now().minus(Duration.ofMinutes(5)), null, null, true, 1,
                Instant.now()));
        await().atMost(Duration.ofSeconds(30)).until(() -> sql(
                "SELECT 1 FROM routing.agents WHERE agent_id = $1", smsAgent).size() == 1);
        String business = "1650" + (1_000_000 + (int) (Math.random() * 8_999_999));
        String customer = "1415" + (1_000_000 + (int) (Math.random() * 8_999_999));
        String sid = "SM" + UUID.randomUUID().toString().replace("-", "");
        MessageReceived sms = new MessageReceived("sms:" + sid, Channel.SMS, business,
                Channel.SMS.conversationKey(business, customer), Customer.of(customer, Map.of("phone", customer)), sid,
                Instant.now(), Instant.now(), MessageContent.text("Where is my order?"),
                new RawRef(Topics.RAW_WEBHOOKS, 0, 0));

        // When the customer texts
        send(sms);

        // Then the conversation is queued and offered to the agent with SMS capacity, counted on SMS
        String key = "sms:" + business + ":" + customer;
        ConversationQueued queued = routing(key, EventType.CONVERSATION_QUEUED);
        assertThat(queued.channel()).isEqualTo(Channel.SMS);
        ConversationOffered offered = routing(key, EventType.CONVERSATION_OFFERED);
        assertThat(offered.agentId()).isEqualTo(smsAgent);
        assertThat(offered.explanation().strategy()).isEqualTo("longest_idle");
        assertThat(sql("SELECT active FROM routing.agent_load WHERE agent_id = $1 AND channel = 'sms'", smsAgent)
                .iterator().next().getInteger("active")).isEqualTo(1);
    }

    @Test
    void offeredToTheLongestIdleAgentThenAcceptedThenResolved() {
        // Given
        String longest = fresh("agent-longest");
        String recent = fresh("agent-recent");
        String offline = fresh("agent-offline");
        availableAgent(longest, Duration.ofMinutes(10), 2);
        availableAgent(recent, Duration.ofMinutes(1), 2);
        agent(offline, AgentPresence.OFFLINE, 2, Instant.now().minusSeconds(3600), 1, Map.of());
        MessageReceived first = message(fresh("user"));
        String key = first.conversationKey();

        // When
        send(first);

        // Then
        ConversationQueued queued = routing(key, EventType.CONVERSATION_QUEUED);
        assertThat(queued.reason()).isEqualTo("new_conversation");
        assertThat(queued.cause()).isEqualTo(first.eventId());
        ConversationOffered offered = routing(key, EventType.CONVERSATION_OFFERED);
        assertThat(offered.conversationId()).isEqualTo(queued.conversationId());
        assertThat(offered.agentId()).isEqualTo(longest);
        assertThat(offered.expiresAt()).isAfter(offered.occurredAt());
        RoutingExplanation why = offered.explanation();
        assertThat(why.queueId()).isEqualTo("default");
        assertThat(why.strategy()).isEqualTo("longest_idle");
        assertThat(why.winnerAgentId()).isEqualTo(longest);
        assertThat(why.winnerReason()).startsWith("idle 10m").endsWith("longest of 2 eligible");
        assertThat(verdict(why, longest).eligible()).isTrue();
        assertThat(verdict(why, recent).eligible()).isTrue();
        assertThat(verdict(why, recent).score()).isLessThan(verdict(why, longest).score());
        assertThat(verdict(why, offline).eligible()).isFalse();
        assertThat(verdict(why, offline).reasons()).containsExactly("offline");
        assertThat(load(longest)).isEqualTo(1);

        // When the agent accepts
        OfferAccepted accept = new OfferAccepted(fresh("req"), first.channel(), ACCOUNT, key,
                offered.conversationId(), longest, offered.offerId(), Instant.now());
        send(accept);

        // Then it is theirs, with the offer's explanation, and the waiting message follows
        ConversationAssigned assigned = routing(key, EventType.CONVERSATION_ASSIGNED);
        assertThat(assigned.agentId()).isEqualTo(longest);
        assertThat(assigned.offerId()).isEqualTo(offered.offerId());
        assertThat(assigned.actionEventId()).isEqualTo(accept.eventId());
        assertThat(assigned.explanation()).isEqualTo(why);
        MessageRouted held = routing(key, EventType.MESSAGE_ROUTED);
        assertThat(held.messageEventId()).isEqualTo(first.eventId());
        assertThat(held.agentId()).isEqualTo(longest);
        assertThat(held.eventId()).isEqualTo(first.eventId() + ":routed:" + longest);

        // When the customer writes again, and the agent resolves
        MessageReceived second = message(first.customer().externalUserId());
        send(second);
        List<MessageRouted> routed = routing(key, EventType.MESSAGE_ROUTED, 2);
        assertThat(routed.get(1).messageEventId()).isEqualTo(second.eventId());
        send(new ResolutionRequested(fresh("req"), first.channel(), ACCOUNT, key, offered.conversationId(), longest,
                "solved", "done", Instant.now()));

        // Then the conversation closes and the capacity is back
        ConversationResolved resolved = routing(key, EventType.CONVERSATION_RESOLVED);
        assertThat(resolved.agentId()).isEqualTo(longest);
        assertThat(resolved.disposition()).isEqualTo("solved");
        assertThat(load(longest)).isZero();
    }

    @Test
    void aTelegramConversationIsQueuedAndOfferedLikeAnyOtherToAnAgentWithTelegramCapacity() {
        // Given an agent idle longer but with WhatsApp capacity only, and one who takes Telegram chats
        String whatsappOnly = fresh("agent-wa-only");
        String telegram = fresh("agent-telegram");
        availableAgent(whatsappOnly, Duration.ofHours(2), 2);
        send(new AgentStateChanged(telegram + ":1", telegram, telegram, List.of("en"), List.of(),
                Map.of("whatsapp", 1, "telegram", 1), AgentPresence.AVAILABLE, Instant.now().minusSeconds(60), null,
                null, true, 1, Instant.now()));
        await().atMost(Duration.ofSeconds(30)).until(() -> sql(
                "SELECT 1 FROM routing.agents WHERE agent_id = $1", telegram).size() == 1);
        String chat = String.valueOf(900_000_000L + Math.abs(UUID.randomUUID().getMostSignificantBits() % 99_999_999L));
        String bot = "7000000001";
        MessageReceived message = new MessageReceived("tg:" + bot + ":" + Math.abs(UUID.randomUUID()
                .getLeastSignificantBits()), Channel.TELEGRAM, bot, Channel.TELEGRAM.conversationKey(bot, chat),
                Customer.of(chat, Map.of("telegram_user_id", chat, "telegram_chat_id", chat)), "323", Instant.now(),
                Instant.now(), MessageContent.text("/start"), new RawRef(Topics.RAW_WEBHOOKS, 0, 0));
        String key = message.conversationKey();

        // When
        send(message);

        // Then it waits in a queue and is offered to the agent with Telegram capacity, whose load it takes
        ConversationQueued queued = routing(key, EventType.CONVERSATION_QUEUED);
        assertThat(queued.channel()).isEqualTo(Channel.TELEGRAM);
        ConversationOffered offered = routing(key, EventType.CONVERSATION_OFFERED);
        assertThat(offered.agentId()).isEqualTo(telegram);
        assertThat(offered.channel()).isEqualTo(Channel.TELEGRAM);
        assertThat(verdict(offered.explanation(), whatsappOnly).eligible()).isFalse();
        send(new OfferAccepted(fresh("req"), Channel.TELEGRAM, bot, key, offered.conversationId(), telegram,
                offered.offerId(), Instant.now()));
        assertThat(this.<ConversationAssigned>routing(key, EventType.CONVERSATION_ASSIGNED).agentId())
                .isEqualTo(telegram);
        assertThat(this.<MessageRouted>routing(key, EventType.MESSAGE_ROUTED).messageEventId())
                .isEqualTo(message.eventId());
    }

    @Test
    void aDeclinedOfferGoesToTheNextAgent() {
        // Given
        String first = fresh("agent-first");
        String second = fresh("agent-second");
        availableAgent(first, Duration.ofMinutes(30), 1);
        availableAgent(second, Duration.ofMinutes(5), 1);
        MessageReceived message = message(fresh("user"));
        String key = message.conversationKey();
        given().auth().oauth2(TestTokens.supervisor()).queryParam("conversationKey", key)
                .when().get("/routing/dry-run")
                .then().statusCode(200).body("winnerAgentId", equalTo(first));
        send(message);
        ConversationOffered offer = routing(key, EventType.CONVERSATION_OFFERED);
        assertThat(offer.agentId()).isEqualTo(first);

        // When
        OfferDeclined decline = new OfferDeclined(fresh("req"), message.channel(), ACCOUNT, key,
                offer.conversationId(), first, offer.offerId(), "busy", Instant.now());
        send(decline);

        // Then
        ConversationOfferDeclined declined = routing(key, EventType.CONVERSATION_OFFER_DECLINED);
        assertThat(declined.offerId()).isEqualTo(offer.offerId());
        assertThat(declined.actionEventId()).isEqualTo(decline.eventId());
        assertThat(declined.reason()).isEqualTo("busy");
        List<ConversationQueued> queued = routing(key, EventType.CONVERSATION_QUEUED, 2);
        assertThat(queued.get(1).reason()).isEqualTo("offer_declined");
        List<ConversationOffered> offers = routing(key, EventType.CONVERSATION_OFFERED, 2);
        ConversationOffered next = offers.get(1);
        assertThat(next.agentId()).isEqualTo(second);
        assertThat(verdict(next.explanation(), first).reasons()).contains("already missed this conversation");
        assertThat(load(first)).isZero();
        assertThat(load(second)).isEqualTo(1);
    }

    @Test
    void aLapsedOfferIsRequeuedAndItsLateAcceptRejected() {
        // Given
        String agent = fresh("agent-slow");
        availableAgent(agent, Duration.ofMinutes(3), 1);
        MessageReceived message = message(fresh("user"));
        String key = message.conversationKey();
        send(message);
        ConversationOffered offer = routing(key, EventType.CONVERSATION_OFFERED);

        // When the offer's time passes (moved into the past rather than waiting 30 s)
        sql("UPDATE routing.offers SET expires_at = now() - interval '1 second' WHERE offer_id = $1", offer.offerId());

        // Then
        ConversationOfferExpired expired = routing(key, EventType.CONVERSATION_OFFER_EXPIRED);
        assertThat(expired.agentId()).isEqualTo(agent);
        assertThat(expired.offerId()).isEqualTo(offer.offerId());
        List<ConversationQueued> queued = routing(key, EventType.CONVERSATION_QUEUED, 2);
        assertThat(queued.get(1).reason()).isEqualTo("offer_expired");
        assertThat(verdict(queued.get(1).explanation(), agent).reasons()).contains("already missed this conversation");
        assertThat(load(agent)).isZero();

        // When the agent accepts too late
        OfferAccepted late = new OfferAccepted(fresh("req"), message.channel(), ACCOUNT, key, offer.conversationId(),
                agent, offer.offerId(), Instant.now());
        send(late);

        // Then
        AgentActionRejected rejected = routing(key, EventType.AGENT_ACTION_REJECTED);
        assertThat(rejected.actionEventId()).isEqualTo(late.eventId());
        assertThat(rejected.reason()).isEqualTo("offer_expired");
        assertThat(sql("SELECT state FROM routing.conversations WHERE conversation_id = $1", offer.conversationId())
                .iterator().next().getString("state")).isEqualTo("queued");
    }

    @Test
    void aRedeliveredMessageChangesNothing() {
        // Given nobody available, so the conversation waits
        MessageReceived message = message(fresh("user"));
        String key = message.conversationKey();
        send(message);
        routing(key, EventType.CONVERSATION_QUEUED);

        // When the same event arrives again, followed by a new message of the same customer
        send(message);
        send(message(message.customer().externalUserId()));

        // Then
        await().atMost(Duration.ofSeconds(30)).until(() -> sql("SELECT 1 FROM routing.held_messages h"
                + " JOIN routing.conversations c USING (conversation_id) WHERE c.conversation_key = $1", key)
                .size() == 2);
        assertThat(sql("SELECT 1 FROM routing.conversations WHERE conversation_key = $1", key)).hasSize(1);
        assertThat(published(key, EventType.CONVERSATION_QUEUED)).hasSize(1);
    }

    @Test
    void unusableInputIsSetAsideWithTheReasonAndTheNextRecordIsRouted() {
        // Given a customer whose first records cannot be used
        String user = fresh("user");
        String key = Channel.WHATSAPP.conversationKey(ACCOUNT, user);
        kafka.produce(Topics.INBOUND, key, "{not json".getBytes(StandardCharsets.UTF_8),
                Map.of(CloudEventCodec.HEADER_TYPE, EventType.MESSAGE_RECEIVED.ceType()));
        kafka.produce(Topics.INBOUND, key, ("{\"eventId\":\"" + fresh("no-customer") + "\"}")
                .getBytes(StandardCharsets.UTF_8), Map.of(CloudEventCodec.HEADER_TYPE, EventType.MESSAGE_RECEIVED.ceType()));
        kafka.produce(Topics.AGENT_ACTIONS, key, "{}".getBytes(StandardCharsets.UTF_8),
                Map.of(CloudEventCodec.HEADER_TYPE, "switchboard.agent.teleported"));

        // When a good message follows on the same partition
        MessageReceived next = message(user);
        send(next);

        // Then it is routed, and the others are dead letters saying why
        ConversationQueued queued = routing(key, EventType.CONVERSATION_QUEUED);
        assertThat(queued.cause()).isEqualTo(next.eventId());
        Map<String, String> reasons = kafka.awaitRecords(Topics.ROUTING_DEAD_LETTER, 3, r -> key.equals(r.key()))
                .stream().collect(Collectors.toMap(r -> KafkaTestClient.text(r),
                        r -> KafkaTestClient.header(r, DeadLetterHeaders.REASON)));
        assertThat(reasons.get("{not json")).contains("cannot read switchboard.message.received");
        assertThat(reasons.get("{}")).contains("unknown CloudEvent type: switchboard.agent.teleported");
        assertThat(reasons.values()).anyMatch(reason -> reason.startsWith("NullPointerException"));
    }

    private static CandidateVerdict verdict(RoutingExplanation explanation, String agentId) {
        return explanation.candidates().stream().filter(c -> c.agentId().equals(agentId)).findFirst()
                .orElseThrow(() -> new AssertionError(agentId + " not among " + explanation.candidates()));
    }
}
