package io.switchboard.events;

import java.time.Instant;

/** Delivery receipts and channel errors, on {@link Topics#STATUS}. */
public sealed interface StatusEvent extends SwitchboardEvent permits DeliveryStatusChanged, ChannelErrorReported {

    Instant receivedAt();

    RawRef raw();
}
