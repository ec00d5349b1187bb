package io.switchboard.outbound.window;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;

import org.junit.jupiter.api.Test;

import io.switchboard.events.Channel;
import io.switchboard.outbound.config.OutboundConfig;

class MessagingWindowTest {

    static final Instant NOW = Instant.parse("2026-11-25T12:00:00Z");

    private final MessagingWindow window = new MessagingWindow(new OutboundConfig.Window() {
        @Override
        public Duration standard() {
            return Duration.ofHours(24);
        }

        @Override
        public Duration humanAgent() {
            return Duration.ofDays(7);
        }

        @Override
        public Duration closingWarning() {
            return Duration.ofHours(1);
        }

        @Override
        public Duration catchUpTimeout() {
            return Duration.ofSeconds(10);
        }
    });

    private WindowState state(Channel channel, Duration sinceInbound, Duration sinceClosed) {
        return window.state(channel, new WindowStore.Facts(sinceInbound == null ? null : NOW.minus(sinceInbound),
                sinceClosed == null ? null : NOW.minus(sinceClosed)), NOW);
    }

    @Test
    void whatsAppOpensWithACustomerMessageThenClosesAfter24Hours() {
        assertThat(state(Channel.WHATSAPP, null, null)).isEqualTo(WindowState.CLOSED);
        assertThat(state(Channel.WHATSAPP, Duration.ofMinutes(5), null)).isEqualTo(WindowState.OPEN);
        assertThat(state(Channel.WHATSAPP, Duration.ofHours(23).plusMinutes(30), null)).isEqualTo(WindowState.CLOSING);
        assertThat(state(Channel.WHATSAPP, Duration.ofHours(24), null)).isEqualTo(WindowState.CLOSED);
        assertThat(state(Channel.WHATSAPP, Duration.ofDays(2), null)).isEqualTo(WindowState.CLOSED);
    }

    @Test
    void theChannelsWindowErrorClosesItUntilTheCustomerWritesAgain() {
        // Closed by the channel after the last inbound message.
        assertThat(state(Channel.WHATSAPP, Duration.ofHours(2), Duration.ofHours(1))).isEqualTo(WindowState.CLOSED);
        // The customer wrote after the channel's error: open again.
        assertThat(state(Channel.WHATSAPP, Duration.ofMinutes(10), Duration.ofHours(1))).isEqualTo(WindowState.OPEN);
    }

    @Test
    void messengerAndInstagramHaveAHumanAgentStretchUpToSevenDays() {
        assertThat(state(Channel.MESSENGER, Duration.ofHours(1), null)).isEqualTo(WindowState.OPEN);
        assertThat(state(Channel.MESSENGER, Duration.ofHours(30), null)).isEqualTo(WindowState.HUMAN_AGENT_ONLY);
        assertThat(state(Channel.INSTAGRAM, Duration.ofDays(6), null)).isEqualTo(WindowState.HUMAN_AGENT_ONLY);
        assertThat(state(Channel.INSTAGRAM, Duration.ofDays(8), null)).isEqualTo(WindowState.CLOSED);
        assertThat(state(Channel.MESSENGER, Duration.ofHours(2), Duration.ofHours(1)))
                .isEqualTo(WindowState.HUMAN_AGENT_ONLY);
    }
}
