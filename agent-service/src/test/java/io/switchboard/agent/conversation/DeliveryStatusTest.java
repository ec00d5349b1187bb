package io.switchboard.agent.conversation;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class DeliveryStatusTest {

    @Test
    void statusOnlyMovesForward() {
        assertThat(DeliveryStatus.advances("pending", "accepted")).isTrue();
        assertThat(DeliveryStatus.advances("accepted", "read")).isTrue();
        assertThat(DeliveryStatus.advances("read", "delivered")).isFalse();
        assertThat(DeliveryStatus.advances("read", "read")).isFalse();
        assertThat(DeliveryStatus.advances("accepted", "retrying")).isFalse();
    }

    @Test
    void failedReplacesAnythingShortOfDeliveredAndOnlyDeliveryReplacesFailed() {
        assertThat(DeliveryStatus.advances("retrying", "failed")).isTrue();
        assertThat(DeliveryStatus.advances("sent", "failed")).isTrue();
        assertThat(DeliveryStatus.advances("delivered", "failed")).isFalse();
        assertThat(DeliveryStatus.advances("failed", "failed")).isFalse();
        assertThat(DeliveryStatus.advances("failed", "sent")).isFalse();
        assertThat(DeliveryStatus.advances("failed", "read")).isTrue();
    }
}
