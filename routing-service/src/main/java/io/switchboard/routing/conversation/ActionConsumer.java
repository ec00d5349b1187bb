package io.switchboard.routing.conversation;

import jakarta.enterprise.context.ApplicationScoped;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

import io.smallrye.reactive.messaging.annotations.Blocking;
import io.switchboard.events.CloudEventCodec;
import io.switchboard.events.EventType;
import io.switchboard.events.OfferAccepted;
import io.switchboard.events.OfferDeclined;
import io.switchboard.events.ResolutionRequested;
import io.switchboard.events.TransferRequested;

/** Agents' requests from {@code switchboard.agent-actions.v1}; the offset is committed after the transaction. */
@ApplicationScoped
public class ActionConsumer {

    public static final String CHANNEL = "agent-actions";
    private static final Logger LOG = Logger.getLogger(ActionConsumer.class);

    private final Router router;

    public ActionConsumer(Router router) {
        this.router = router;
    }

    @Incoming(CHANNEL)
    @Blocking
    public void onRecord(ConsumerRecord<String, byte[]> record) {
        EventType type;
        try {
            type = EventType.fromCeType(CloudEventCodec.header(record.headers(), CloudEventCodec.HEADER_TYPE));
        } catch (RuntimeException e) {
            LOG.warnf("ignored agent action without a known type %s@%d", record.topic(), record.offset());
            return;
        }
        switch (type) {
            case OFFER_ACCEPTED:
                router.accept((OfferAccepted) CloudEventCodec.read(type, record.value()));
                break;
            case OFFER_DECLINED:
                router.decline((OfferDeclined) CloudEventCodec.read(type, record.value()));
                break;
            case RESOLUTION_REQUESTED:
                router.resolve((ResolutionRequested) CloudEventCodec.read(type, record.value()));
                break;
            case TRANSFER_REQUESTED:
                router.transfer((TransferRequested) CloudEventCodec.read(type, record.value()));
                break;
            default:
                LOG.warnf("ignored %s on the agent actions topic", type.ceType());
        }
    }
}
