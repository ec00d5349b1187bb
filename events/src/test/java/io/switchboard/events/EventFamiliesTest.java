package io.switchboard.events;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/** Each sealed family travels on one topic, and its records are keyed the way the family says. */
class EventFamiliesTest {

    private static final Map<Class<? extends SwitchboardEvent>, String> TOPIC_OF_FAMILY = Map.of(
            InboundEvent.class, Topics.INBOUND,
            StatusEvent.class, Topics.STATUS,
            OutboundEvent.class, Topics.OUTBOUND,
            OutboundResultEvent.class, Topics.OUTBOUND_RESULTS,
            AgentEvent.class, Topics.AGENTS,
            QueueEvent.class, Topics.QUEUE_STATS,
            AgentActionEvent.class, Topics.AGENT_ACTIONS,
            RoutingEvent.class, Topics.ROUTING,
            ErasureRequested.class, Topics.ERASURES,
            ErasureCompleted.class, Topics.ERASURE_RESULTS);

    @TestFactory
    Stream<DynamicTest> everyEventTypeIsOnTheTopicOfItsFamily() {
        return Arrays.stream(EventType.values()).map(type -> DynamicTest.dynamicTest(type.name(), () -> {
            List<String> topics = TOPIC_OF_FAMILY.entrySet().stream()
                    .filter(family -> family.getKey().isAssignableFrom(type.recordType()))
                    .map(Map.Entry::getValue)
                    .toList();
            assertThat(topics).as("the family topic of %s", type.recordType().getSimpleName())
                    .containsExactly(type.topic());
        }));
    }

    @Test
    void agentStateIsKeyedByAgentId() {
        AgentStateChanged state = new AgentStateChanged("agent-7:12", "agent-7", "Ana", List.of("es", "en"),
                List.of(new AgentStateChanged.Skill("billing", 4)), Map.of("whatsapp", 3), AgentPresence.AVAILABLE,
                Instant.parse("2026-11-25T09:00:00Z"), null, null, true, 12, Instant.parse("2026-11-25T09:00:00Z"));

        ProducerRecord<String, byte[]> record = CloudEventCodec.toRecord(state, "/switchboard/agent-service");

        assertThat(record.topic()).isEqualTo(Topics.AGENTS);
        assertThat(record.key()).isEqualTo("agent-7");
        assertThat(CloudEventCodec.header(record.headers(), CloudEventCodec.HEADER_SUBJECT)).isEqualTo("agent-7");
        assertThat(state.capacityOn(Channel.WHATSAPP)).isEqualTo(3);
        assertThat(state.capacityOn(Channel.MESSENGER)).isZero();
    }

    @Test
    void agentActionsAreKeyedByConversationKey() {
        OfferAccepted accepted = new OfferAccepted("click-5b1e", Channel.WHATSAPP, "106540352242922",
                "wa:106540352242922:16505551234", "conv-1", "agent-7", "offer-1",
                Instant.parse("2026-11-25T09:00:05Z"));

        ProducerRecord<String, byte[]> record = CloudEventCodec.toRecord(accepted, "/switchboard/agent-service");

        assertThat(record.topic()).isEqualTo(Topics.AGENT_ACTIONS);
        assertThat(record.key()).isEqualTo("wa:106540352242922:16505551234");
    }
}
