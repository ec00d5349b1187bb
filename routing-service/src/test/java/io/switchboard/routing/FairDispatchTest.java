package io.switchboard.routing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.switchboard.events.Channel;
import io.switchboard.events.ConversationOffered;
import io.switchboard.events.Customer;
import io.switchboard.events.EventType;
import io.switchboard.events.MessageContent;
import io.switchboard.events.MessageReceived;
import io.switchboard.events.RawRef;
import io.switchboard.events.Topics;
import io.switchboard.testing.KafkaResource;
import io.switchboard.testing.PostgresResource;

/**
 * Dispatch serves the head of every queue on every channel: hundreds of conversations nobody can take, in queues of
 * higher priority or on a channel without agents, do not keep an agent from the one conversation they can take.
 */
@QuarkusTest
@QuarkusTestResource(value = KafkaResource.class, initArgs = @ResourceArg(name = KafkaResource.TOPICS_ARG,
        value = "switchboard.inbound.v1:3,switchboard.agents.v1:3,switchboard.agent-actions.v1:3,"
                + "switchboard.routing.v1:3"))
@QuarkusTestResource(PostgresResource.class)
class FairDispatchTest extends RoutingTestBase {

    private static final int UNSERVABLE = 200;
    private static final int CLOSED = 100;
    private static final int OTHER_CHANNEL = 50;

    @Test
    void aServableConversationIsOfferedPromptlyBehindHundredsNobodyCanTake() {
        // Given a queue asking a skill nobody has and a closed queue, both above the servable queue's priority
        String account = fresh("acct");
        String skilled = fresh("klingon");
        Map<String, Object> unservable = QueueAdmin.queue(match(account, "klingon"), 9);
        unservable.put("requiredSkills", Map.of("klingon", 5));
        QueueAdmin.put(skilled, unservable).statusCode(200);
        String closed = fresh("closed");
        Map<String, Object> office = QueueAdmin.queue(match(account, "office"), 8);
        DayOfWeek otherDay = Instant.now().atZone(ZoneOffset.UTC).getDayOfWeek().plus(3);
        office.put("businessHours", Map.of("timeZone", "UTC", "outOfHoursReply", "Closed today.",
                "weekly", List.of(Map.of("days", List.of(otherDay.name()), "from", "09:00", "to", "17:00"))));
        QueueAdmin.put(closed, office).statusCode(200);
        String general = fresh("general");
        QueueAdmin.put(general, QueueAdmin.queue(match(account, "hello"), 0)).statusCode(200);

        // And, with nobody available, hundreds waiting in those two, and in the servable queue Messenger conversations
        // (no agent has room on Messenger), all older than one WhatsApp conversation in the servable queue
        for (int i = 0; i < UNSERVABLE; i++) {
            send(message(account, fresh("user"), "klingon"));
        }
        for (int i = 0; i < CLOSED; i++) {
            send(message(account, fresh("user"), "office"));
        }
        for (int i = 0; i < OTHER_CHANNEL; i++) {
            send(messenger(account, fresh("psid")));
        }
        await().atMost(Duration.ofSeconds(60)).until(() -> waiting(skilled) == UNSERVABLE && waiting(closed) == CLOSED
                && waiting(general) == OTHER_CHANNEL);
        MessageReceived servable = message(account, fresh("user"), "hello");
        send(servable);
        await().atMost(Duration.ofSeconds(30)).until(() -> waiting(general) == OTHER_CHANNEL + 1);

        // When an agent without the skill comes
        String agent = fresh("agent");
        Instant available = Instant.now();
        availableAgent(agent, Duration.ofMinutes(1), 3);

        // Then the servable one is offered to them within a few sweeps, and nothing else is
        ConversationOffered offered = routing(servable.conversationKey(), EventType.CONVERSATION_OFFERED);
        assertThat(offered.agentId()).isEqualTo(agent);
        assertThat(offered.queueId()).isEqualTo(general);
        assertThat(Duration.between(available, offered.occurredAt())).isLessThan(Duration.ofSeconds(5));
        assertThat(waiting(skilled)).isEqualTo(UNSERVABLE);
        assertThat(waiting(closed)).isEqualTo(CLOSED);
        assertThat(waiting(general)).isEqualTo(OTHER_CHANNEL);
        assertThat(sql("SELECT 1 FROM routing.offers o JOIN routing.conversations c USING (conversation_id)"
                + " WHERE c.queue_id IN ($1, $2)", skilled, closed)).isEmpty();
    }

    private static MessageReceived messenger(String account, String psid) {
        return new MessageReceived("fb:m_" + UUID.randomUUID(), Channel.MESSENGER, account,
                Channel.MESSENGER.conversationKey(account, psid), Customer.of(psid, Map.of("psid", psid)),
                "m_" + UUID.randomUUID(), Instant.now(), Instant.now(), MessageContent.text("hello"),
                new RawRef(Topics.RAW_WEBHOOKS, 0, 0));
    }

    private static String match(String account, String text) {
        return "channelAccountId == '" + account + "' && text == '" + text + "'";
    }

    private long waiting(String queueId) {
        return sql("SELECT count(*) AS n FROM routing.conversations WHERE queue_id = $1 AND state = 'queued'",
                queueId).iterator().next().getLong("n");
    }
}
