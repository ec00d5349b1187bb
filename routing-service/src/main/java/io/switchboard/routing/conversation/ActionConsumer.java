package io.switchboard.routing.conversation;

import jakarta.enterprise.context.ApplicationScoped;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;

import io.smallrye.reactive.messaging.annotations.Blocking;
import io.switchboard.events.AssignmentRequested;
import io.switchboard.events.CloudEventCodec;
import io.switchboard.events.EventType;
import io.switchboard.events.OfferAccepted;
import io.switchboard.events.OfferDeclined;
import io.switchboard.events.ResolutionRequested;
import io.switchboard.events.TransferRequested;
import io.switchboard.messaging.consume.ConsumerPolicy;

/**
 * Agents' requests from {@code switchboard.agent-actions.v1}; the offset is committed after the transaction. Failures
 * follow the messaging core's {@link ConsumerPolicy}: an outage is retried, a record that is not a readable agent
 * action becomes a dead letter.
 */
@ApplicationScoped
public class ActionConsumer {

    public static final String CHANNEL = "agent-actions";

    private final OfferAnswers offers;
    private final Handover handover;
    private final SupervisorActions supervisors;
    private final ConsumerPolicy policy;

    public ActionConsumer(OfferAnswers offers, Handover handover, ConsumerPolicy policy,
            SupervisorActions supervisors) {
        this.supervisors = supervisors;
        this.offers = offers;
        this.handover = handover;
        this.policy = policy;
    }

    @Incoming(CHANNEL)
    @Blocking
    public void onRecord(ConsumerRecord<String, byte[]> record) {
        policy.handleBlocking(CHANNEL, record, () -> apply(record));
    }

    private void apply(ConsumerRecord<String, byte[]> record) {
        EventType type = EventType.fromCeType(CloudEventCodec.header(record.headers(), CloudEventCodec.HEADER_TYPE));
        switch (type) {
            case OFFER_ACCEPTED:
                offers.accept((OfferAccepted) CloudEventCodec.read(type, record.value()));
                break;
            case OFFER_DECLINED:
                offers.decline((OfferDeclined) CloudEventCodec.read(type, record.value()));
                break;
            case RESOLUTION_REQUESTED: {
                ResolutionRequested resolution = (ResolutionRequested) CloudEventCodec.read(type, record.value());
                if (resolution.bySupervisor()) {
                    supervisors.resolve(resolution);
                } else {
                    handover.resolve(resolution);
                }
                break;
            }
            case TRANSFER_REQUESTED: {
                TransferRequested transfer = (TransferRequested) CloudEventCodec.read(type, record.value());
                if (transfer.bySupervisor()) {
                    supervisors.transfer(transfer);
                } else {
                    handover.transfer(transfer);
                }
                break;
            }
            case ASSIGNMENT_REQUESTED:
                supervisors.assign((AssignmentRequested) CloudEventCodec.read(type, record.value()));
                break;
            default:
                throw new IllegalArgumentException(type.ceType() + " is not an agent action");
        }
    }
}
