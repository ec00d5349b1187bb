package io.switchboard.events;

import java.time.Instant;

/** Delivery receipts and channel errors, on {@link Topics#STATUS}. */
public sealed interface StatusEvent extends ConversationEvent permits DeliveryStatusChanged, ChannelErrorReported {

    Instant receivedAt();

    RawRef raw();
}
