package io.switchboard.outbound.erasure;

import java.time.Instant;

import jakarta.enterprise.context.ApplicationScoped;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;

import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import io.switchboard.events.CloudEventCodec;
import io.switchboard.events.ErasureCompleted;
import io.switchboard.events.ErasureRequested;
import io.switchboard.events.SwitchboardEvent;
import io.switchboard.events.Topics;
import io.switchboard.messaging.consume.ConsumerPolicy;
import io.switchboard.messaging.consume.PoisonRecordException;

/**
 * Erasure requests from {@code switchboard.erasures.v1} (docs/privacy.md, Erasure): {@link OutboundErasure} removes
 * the customer's rows, then outbound's {@link ErasureCompleted} goes out on the results channel, and only once Kafka
 * acknowledged it is the request's offset committed. A crash in between redelivers the request, which is answered
 * again with the recorded counts.
 */
@ApplicationScoped
public class ErasureConsumer {

    public static final String CHANNEL = "erasures";
    public static final String SERVICE = "outbound-service";
    static final String SOURCE = "/switchboard/outbound-service";

    private final OutboundErasure erasure;
    private final ConsumerPolicy policy;
    private final MutinyEmitter<byte[]> results;

    public ErasureConsumer(OutboundErasure erasure, ConsumerPolicy policy,
            @Channel("results") MutinyEmitter<byte[]> results) {
        this.erasure = erasure;
        this.policy = policy;
        this.results = results;
    }

    @Incoming(CHANNEL)
    public Uni<Void> onRecord(ConsumerRecord<String, byte[]> record) {
        return policy.handleReactive(CHANNEL, record, () -> apply(record));
    }

    private Uni<Void> apply(ConsumerRecord<String, byte[]> record) {
        SwitchboardEvent event = CloudEventCodec.read(record.headers(), record.value());
        if (!(event instanceof ErasureRequested request) || request.identities().isEmpty()) {
            throw new PoisonRecordException("not an erasure request with identities");
        }
        return erasure.erase(request).flatMap(removed -> {
            ErasureCompleted completed = new ErasureCompleted(request.erasureId(), SERVICE, removed, Instant.now());
            OutgoingKafkaRecordMetadata<String> metadata = OutgoingKafkaRecordMetadata.<String>builder()
                    .withTopic(Topics.ERASURE_RESULTS).withKey(completed.recordKey())
                    .withHeaders(CloudEventCodec.headers(completed, SOURCE)).build();
            return results.sendMessage(Message.of(CloudEventCodec.data(completed)).addMetadata(metadata));
        });
    }
}
