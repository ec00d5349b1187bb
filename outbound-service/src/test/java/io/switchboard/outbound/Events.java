package io.switchboard.outbound;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

import org.apache.kafka.clients.consumer.ConsumerRecord;

import io.switchboard.events.Channel;
import io.switchboard.events.CloudEventCodec;
import io.switchboard.events.Customer;
import io.switchboard.events.DeliveryState;
import io.switchboard.events.DeliveryStatusChanged;
import io.switchboard.events.MessageContent;
import io.switchboard.events.MessageReceived;
import io.switchboard.events.OutboundResultEvent;
import io.switchboard.events.RawRef;
import io.switchboard.events.ReplyContent;
import io.switchboard.events.ReplyKind;
import io.switchboard.events.ReplyRequested;
import io.switchboard.events.SwitchboardEvent;
import io.switchboard.events.Topics;
import io.switchboard.testing.KafkaTestClient;

/** Builds the events tests send and reads the ones the service publishes. */
final class Events {

    static final String SOURCE = "/switchboard/outbound-test";

    private Events() {
    }

    /** A fresh phone number, so tests never share a conversation (nor a pair rate bucket). */
    static String phone() {
        return "1555" + (1_000_000 + ThreadLocalRandom.current().nextInt(8_999_999));
    }

    static String id() {
        return "cmd-" + UUID.randomUUID();
    }

    static ReplyRequested whatsapp(String phone, ReplyContent content) {
        return new ReplyRequested(id(), Channel.WHATSAPP, WireMockResource.WHATSAPP_ACCOUNT,
                Channel.WHATSAPP.conversationKey(WireMockResource.WHATSAPP_ACCOUNT, phone),
                new ReplyRequested.Recipient(phone, phone, null, null), "agent-7", "Grace H.", content,
                Instant.parse("2026-11-25T10:00:00Z"));
    }

    /** An approved template, no agent (as proactive contact or an automation sends it), from {@code account}. */
    static ReplyRequested whatsappTemplate(String account, String phone) {
        return new ReplyRequested(id(), Channel.WHATSAPP, account, Channel.WHATSAPP.conversationKey(account, phone),
                new ReplyRequested.Recipient(phone, phone, null, null), null, null, new ReplyContent(
                        ReplyKind.TEMPLATE, null, null, new ReplyContent.Template("order_update", "en_US", List.of()),
                        null, null, null), Instant.now());
    }

    static ReplyRequested reply(Channel channel, String account, ReplyRequested.Recipient recipient, String agentId,
            ReplyContent content) {
        String user = recipient.conversationId() != null ? recipient.conversationId() : recipient.userId();
        return new ReplyRequested(id(), channel, account, channel.conversationKey(account, user), recipient, agentId,
                "Grace H.", content, Instant.parse("2026-11-25T10:00:00Z"));
    }

    static MessageReceived inbound(Channel channel, String account, String user, Instant at) {
        return new MessageReceived(channel.prefix() + ":in-" + UUID.randomUUID(), channel, account,
                channel.conversationKey(account, user), Customer.of(user, Map.of()), "in-" + UUID.randomUUID(), at,
                Instant.now(), MessageContent.text("hello"), new RawRef(Topics.RAW_WEBHOOKS, 0, 0));
    }

    static DeliveryStatusChanged receipt(String conversationKey, String wamid, DeliveryState state) {
        return new DeliveryStatusChanged("wa:" + wamid + ":" + state.wireName(), Channel.WHATSAPP,
                WireMockResource.WHATSAPP_ACCOUNT, conversationKey, "x", wamid, state, null, List.of(), null, null,
                Instant.now(), Instant.now(), new RawRef(Topics.RAW_WEBHOOKS, 0, 0));
    }

    static void send(KafkaTestClient kafka, SwitchboardEvent event) {
        kafka.produce(CloudEventCodec.toRecord(event, SOURCE));
    }

    /** The results about one command, in the order published. */
    static List<ConsumerRecord<String, byte[]>> results(KafkaTestClient kafka, String commandId, int count) {
        return kafka.awaitRecords(Topics.OUTBOUND_RESULTS, count,
                record -> commandId.equals(((OutboundResultEvent) read(record)).idempotencyKey()));
    }

    static List<ConsumerRecord<String, byte[]>> results(KafkaTestClient kafka, String commandId, int count,
            java.time.Duration timeout) {
        return kafka.awaitRecords(Topics.OUTBOUND_RESULTS, count,
                record -> commandId.equals(((OutboundResultEvent) read(record)).idempotencyKey()), timeout);
    }

    static SwitchboardEvent read(ConsumerRecord<String, byte[]> record) {
        return CloudEventCodec.read(record.headers(), record.value());
    }
}
