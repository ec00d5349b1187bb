package io.switchboard.outbound.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.SmallRyeConfigBuilder;
import io.switchboard.events.Channel;
import io.switchboard.events.ReplyContent;
import io.switchboard.events.ReplyKind;
import io.switchboard.events.ReplyRequested;
import io.switchboard.outbound.config.OutboundConfig;

class SendRateLimiterTest {

    private static final String NUMBER = "106540352242922";

    private final OutboundConfig config = config(Map.of(
            "switchboard.outbound.accounts." + NUMBER + ".channel", "whatsapp",
            "switchboard.outbound.accounts." + NUMBER + ".base-url", "http://localhost",
            "switchboard.outbound.accounts." + NUMBER + ".messages-per-second", "5",
            "switchboard.outbound.whatsapp.pair-burst", "2",
            "switchboard.outbound.whatsapp.pair-interval", "PT6S"));
    private final OutboundConfig.Account account = config.accounts().get(NUMBER);
    private final SendRateLimiter limiter = new SendRateLimiter(config);

    static OutboundConfig config(Map<String, String> properties) {
        SmallRyeConfig config = new SmallRyeConfigBuilder().withMapping(OutboundConfig.class)
                .withSources(new PropertiesConfigSource(properties, "test", 500)).build();
        return config.getConfigMapping(OutboundConfig.class);
    }

    private static ReplyRequested to(String phone, ReplyKind kind) {
        ReplyContent content = kind == ReplyKind.MARK_READ
                ? new ReplyContent(ReplyKind.MARK_READ, null, null, null, null, null, "wamid.X")
                : ReplyContent.text("hi");
        return new ReplyRequested("cmd-" + phone + Math.random(), Channel.WHATSAPP, NUMBER, "wa:" + NUMBER + ":" + phone,
                new ReplyRequested.Recipient(phone, phone, null, null), "agent", null, content, Instant.now());
    }

    @Test
    void theSenderNeverExceedsItsRatePerSecond() {
        for (int i = 0; i < 5; i++) {
            assertThat(limiter.acquire(to("1555000000" + i, ReplyKind.TEXT), account)).isZero();
        }
        Duration wait = limiter.acquire(to("15550000009", ReplyKind.TEXT), account);
        assertThat(wait).isPositive().isLessThanOrEqualTo(Duration.ofMillis(200));
    }

    @Test
    void oneCustomerGetsABurstThenThePairRateWhileOthersAreServed() {
        assertThat(limiter.acquire(to("15551110000", ReplyKind.TEXT), account)).isZero();
        assertThat(limiter.acquire(to("15551110000", ReplyKind.TEXT), account)).isZero();
        Duration wait = limiter.acquire(to("15551110000", ReplyKind.TEXT), account);
        assertThat(wait).isGreaterThan(Duration.ofSeconds(5)).isLessThanOrEqualTo(Duration.ofSeconds(6));
        // Marking read sends no message to the customer: only the sender's throughput counts.
        assertThat(limiter.acquire(to("15551110000", ReplyKind.MARK_READ), account)).isZero();
        assertThat(limiter.acquire(to("15552220000", ReplyKind.TEXT), account)).isZero();
    }

    @Test
    void aPairTokenIsGivenBackWhenTheSenderIsFull() {
        for (int i = 0; i < 5; i++) {
            assertThat(limiter.acquire(to("1555333000" + i, ReplyKind.TEXT), account)).isZero();
        }
        // Refused by the sender bucket twice: had the pair tokens been kept, the burst of 2 would now be spent.
        assertThat(limiter.acquire(to("15554440000", ReplyKind.TEXT), account)).isPositive();
        assertThat(limiter.acquire(to("15554440000", ReplyKind.TEXT), account)).isPositive();
        Duration wait = Duration.ZERO;
        long deadline = System.nanoTime() + Duration.ofSeconds(2).toNanos();
        int sent = 0;
        while (sent < 2 && System.nanoTime() < deadline) {
            wait = limiter.acquire(to("15554440000", ReplyKind.TEXT), account);
            if (wait.isZero()) {
                sent++;
            } else {
                sleep(wait.compareTo(Duration.ofMillis(400)) < 0 ? wait : Duration.ofMillis(400));
            }
        }
        assertThat(sent).isEqualTo(2);
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(Math.max(1, duration.toMillis()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
