package io.switchboard.outbound.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.github.bucket4j.Bucket;

import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.SmallRyeConfigBuilder;
import io.switchboard.events.Channel;
import io.switchboard.events.ReplyContent;
import io.switchboard.events.ReplyKind;
import io.switchboard.events.ReplyRequested;
import io.switchboard.outbound.config.OutboundConfig;
import io.switchboard.outbound.ownership.SenderOwnership;

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
    void reservedSlotsNeverPutMoreThanTheRateInAnyOneSecondWindow() {
        // 5 per second: a burst of 1, then 4 per second; every call takes a slot, later ones further ahead.
        long start = System.nanoTime();
        List<Long> slots = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            SendRateLimiter.Pacing pacing = limiter.acquire(to("1555000" + (1000 + i), ReplyKind.TEXT), account);
            assertThat(pacing.reserved()).isTrue();
            slots.add(System.nanoTime() - start + pacing.delay().toNanos());
        }
        assertThat(slots.get(0)).isLessThan(Duration.ofMillis(100).toNanos());
        for (int i = 0; i + 5 < slots.size(); i++) {
            assertThat(slots.get(i + 5) - slots.get(i)).isGreaterThanOrEqualTo(Duration.ofMillis(999).toNanos());
        }
        // 20 slots at 4 per second after the first: the last about 4.75 s ahead.
        assertThat(slots.get(19)).isBetween(Duration.ofMillis(4_500).toNanos(), Duration.ofMillis(5_000).toNanos());
    }

    @Test
    void aWholeSecondAtTheRateStaysWithinItEvenAfterAQuietSpell() {
        // A bucket as large as the rate would let 2 x rate through in the first second after a pause.
        Bucket bucket = SendRateLimiter.perSecond(80, 0.1);
        sleep(Duration.ofMillis(1_100));
        int immediately = 0;
        while (bucket.tryConsume(1)) {
            immediately++;
        }
        // The headroom's share of the rate at once (one more if a refill lands while the loop runs), not 80.
        assertThat(immediately).isBetween(8, 9);
    }

    @Test
    void aSenderTakenOverFromAnotherInstanceHoldsOffForASecondAndMovedSendersAreForgotten() {
        SenderOwnership ownership = new SenderOwnership();
        SendRateLimiter owned = new SendRateLimiter(config, ownership);
        ReplyRequested command = to("16505550001", ReplyKind.TEMPLATE);
        ownership.assign(3, java.util.List.of(0, 1, 2));
        // The previous owner may have sent a full second's worth just before the partition moved.
        assertThat(owned.admit(command, account)).isGreaterThan(Duration.ofMillis(900));
        sleep(SenderOwnership.HOLD_OFF.plusMillis(50));
        assertThat(owned.admit(command, account)).isZero();
        // Its bucket emptied here; once the sender moved away and came back, it starts from a fresh bucket.
        while (owned.reserveIfBacklogged(command, account) == null) {
            owned.acquire(command, account);
        }
        owned.forget(sender -> sender.equals(command.senderKey()));
        assertThat(owned.reserveIfBacklogged(command, account)).isNull();
    }

    @Test
    void theSendLogAdmitsAtMostTheRateInAnySlidingSecond() {
        SendRateLimiter.SendLog log = new SendRateLimiter.SendLog(3);
        long t = 5_000_000_000L;
        assertThat(log.tryRecord(t)).isZero();
        assertThat(log.tryRecord(t + 100_000_000L)).isZero();
        assertThat(log.tryRecord(t + 200_000_000L)).isZero();
        // Late commands arriving together: the fourth waits until the first send is a second old.
        assertThat(log.tryRecord(t + 300_000_000L)).isEqualTo(700_000_000L);
        assertThat(log.tryRecord(t + 999_999_999L)).isEqualTo(1L);
        assertThat(log.tryRecord(t + 1_000_000_000L)).isZero();
        assertThat(log.tryRecord(t + 1_050_000_000L)).isEqualTo(50_000_000L);
    }

    @Test
    void admitRecordsEachSendOfTheSender() {
        // 5 per second configured: 4 admitted per sliding second, the margin for jitter on the way to the channel.
        for (int i = 0; i < 4; i++) {
            assertThat(limiter.admit(to("1555666000" + i, ReplyKind.TEXT), account)).isZero();
        }
        assertThat(limiter.admit(to("15556660009", ReplyKind.TEXT), account)).isPositive()
                .isLessThanOrEqualTo(Duration.ofSeconds(1));
    }

    @Test
    void oneCustomerGetsABurstThenThePairRateWhileOthersAreServed() {
        assertThat(limiter.acquire(to("15551110000", ReplyKind.TEXT), account).reserved()).isTrue();
        assertThat(limiter.acquire(to("15551110000", ReplyKind.TEXT), account).reserved()).isTrue();
        SendRateLimiter.Pacing third = limiter.acquire(to("15551110000", ReplyKind.TEXT), account);
        // Held by the pair bucket: no sender slot taken, the command asks again when the pair has a token.
        assertThat(third.reserved()).isFalse();
        assertThat(third.delay()).isGreaterThan(Duration.ofSeconds(5)).isLessThanOrEqualTo(Duration.ofSeconds(6));
        // Marking read sends no message to the customer: only the sender's throughput counts.
        assertThat(limiter.acquire(to("15551110000", ReplyKind.MARK_READ), account).reserved()).isTrue();
        assertThat(limiter.acquire(to("15552220000", ReplyKind.TEXT), account).reserved()).isTrue();
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(Math.max(1, duration.toMillis()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
