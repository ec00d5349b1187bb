package io.switchboard.outbound.ratelimit;

import java.time.Duration;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.function.Predicate;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.ConsumptionProbe;
import io.switchboard.events.Channel;
import io.switchboard.events.ReplyKind;
import io.switchboard.events.ReplyRequested;
import io.switchboard.outbound.config.OutboundConfig;
import io.switchboard.outbound.ownership.SenderOwnership;

/**
 * Token buckets per sender (a WhatsApp phone number, a Page, an Instagram account, a custom source) and, on WhatsApp,
 * per (sender, recipient) pair; Messenger and Instagram audio and video have a narrower per-account bucket. A send
 * waits for its tokens as a scheduled continuation, holding no thread, so one busy sender or conversation never
 * holds up the others.
 */
@ApplicationScoped
public class SendRateLimiter {

    /** Above this many pair buckets, full ones (idle recipients) are dropped: a full bucket is a fresh bucket. */
    static final int PAIR_BUCKETS_SOFT_LIMIT = 100_000;
    private static final int CUSTOM_SOURCE_DEFAULT_RATE = 100;
    /** Messenger and Instagram allow 10 audio or video sends per second per account (docs/channels.md §3.6). */
    private static final int META_AUDIO_VIDEO_RATE = 10;

    private final OutboundConfig config;
    private final SenderOwnership ownership;
    private final ConcurrentMap<String, Bucket> senders = new ConcurrentHashMap<>();
    private final ConcurrentMap<String, Bucket> pairs = new ConcurrentHashMap<>();
    private final ConcurrentMap<String, Bucket> audioVideo = new ConcurrentHashMap<>();
    private final ConcurrentMap<String, SendLog> sendLogs = new ConcurrentHashMap<>();

    @Inject
    public SendRateLimiter(OutboundConfig config, SenderOwnership ownership) {
        this.config = config;
        this.ownership = ownership;
    }

    /** A limiter that owns every sender from the start (no hold-off). */
    public SendRateLimiter(OutboundConfig config) {
        this(config, new SenderOwnership());
    }

    /**
     * Forgets the buckets and send logs of the senders that moved to another instance; if they come back, they
     * start fresh (after {@link SenderOwnership#HOLD_OFF}).
     */
    public void forget(Predicate<String> sender) {
        senders.keySet().removeIf(sender);
        sendLogs.keySet().removeIf(sender);
        // Pair buckets are "<account>:<recipient>" of WhatsApp; audio/video buckets "<account>" of Messenger/Instagram.
        pairs.keySet().removeIf(key -> sender.test(
                ReplyRequested.senderKey(Channel.WHATSAPP, key.substring(0, Math.max(0, key.indexOf(':'))))));
        audioVideo.keySet().removeIf(account -> sender.test(ReplyRequested.senderKey(Channel.MESSENGER, account))
                || sender.test(ReplyRequested.senderKey(Channel.INSTAGRAM, account)));
    }

    /**
     * When the send may go. The pair (or audio/video) bucket is only asked: when empty, the caller waits and asks
     * again (one conversation's commands run one at a time, so only one asks). The sender bucket is then reserved:
     * the command gets the next free slot and must send when it comes without asking again, so a backlog of a
     * throttled sender wakes once per send rather than polling the buckets and the database all together.
     */
    public Pacing acquire(ReplyRequested command, OutboundConfig.Account account) {
        Duration pair = pairOnly(command);
        if (!pair.isZero()) {
            return new Pacing(pair, false);
        }
        return new Pacing(Duration.ofNanos(senderBucket(command, account).consumeIgnoringRateLimits(1)), true);
    }

    /**
     * Null when the sender has a token now. When it has none (a backlog), its next slot is reserved at once and the
     * wait returned, before the command costs anything else; the pair bucket is then asked at the slot
     * ({@link #pairOnly}).
     */
    public Duration reserveIfBacklogged(ReplyRequested command, OutboundConfig.Account account) {
        Bucket sender = senderBucket(command, account);
        if (sender.getAvailableTokens() > 0) {
            return null;
        }
        return Duration.ofNanos(sender.consumeIgnoringRateLimits(1));
    }

    /** The pair (or audio/video) bucket alone: zero when its token is taken, else how long until it has one. */
    public Duration pairOnly(ReplyRequested command) {
        Bucket pair = pairBucket(command);
        if (pair == null) {
            pair = audioVideoBucket(command);
        }
        if (pair == null) {
            return Duration.ZERO;
        }
        ConsumptionProbe probe = pair.tryConsumeAndReturnRemaining(1);
        return probe.isConsumed() ? Duration.ZERO : Duration.ofNanos(probe.getNanosToWaitForRefill());
    }

    private Bucket senderBucket(ReplyRequested command, OutboundConfig.Account account) {
        return senders.computeIfAbsent(senderKey(command), key -> perSecond(rate(command, account), headroom()));
    }

    /**
     * The last check, right before the call: {@link Duration#ZERO} (the send is recorded) when fewer than the rate's
     * sends started in the last second, else how long until one more may. A slot reserved by {@link #acquire} keeps
     * the rate on average, but a command that wakes late (a busy machine, a database pause) would otherwise go out
     * together with the ones on time; this keeps every one-second window within the rate whatever the delays.
     */
    public Duration admit(ReplyRequested command, OutboundConfig.Account account) {
        long holdOff = ownership.holdOffNanos(senderKey(command));
        if (holdOff > 0) {
            // Just taken over from another instance, whose last second of sends this log does not know.
            return Duration.ofNanos(holdOff);
        }
        // At the bucket's sustained rate (the configured rate less its headroom): what happens between here and the
        // channel (claim, connection) can bunch sends up a little; the headroom is that margin.
        long wait = sendLogs.computeIfAbsent(senderKey(command), key -> new SendLog(sustained(rate(command, account), headroom())))
                .tryRecord(System.nanoTime());
        return wait == 0 ? Duration.ZERO : Duration.ofNanos(wait);
    }

    /** The sender a command's rate limit counts against: the channel and its account (also its Kafka key). */
    public static String senderKey(ReplyRequested command) {
        return command.senderKey();
    }

    private int rate(ReplyRequested command, OutboundConfig.Account account) {
        return account.messagesPerSecond().orElse(defaultRate(command.channel()));
    }

    /** The start times of a sender's last {@code rate} sends: a sliding one-second window, exact. */
    static final class SendLog {

        private static final long SECOND = 1_000_000_000L;
        private final long[] starts;
        private int next;
        private int count;

        SendLog(int rate) {
            this.starts = new long[Math.max(1, rate)];
        }

        /** 0 and recorded when a send may start at {@code now} (nanos), else the nanos until one may. */
        synchronized long tryRecord(long now) {
            if (count == starts.length) {
                long free = starts[next] + SECOND - now;
                if (free > 0) {
                    return free;
                }
            } else {
                count++;
            }
            starts[next] = now;
            next = (next + 1) % starts.length;
            return 0;
        }
    }

    /**
     * The answer of {@link #acquire}.
     *
     * @param delay    zero: send now
     * @param reserved the sender's slot is taken: after {@code delay}, send without asking again
     */
    public record Pacing(Duration delay, boolean reserved) {

        public boolean now() {
            return delay.isZero();
        }
    }

    /** WhatsApp's pair limit counts messages to one customer; mark-read sends none. */
    private Bucket pairBucket(ReplyRequested command) {
        if (command.channel() != Channel.WHATSAPP || command.content().kind() == ReplyKind.MARK_READ) {
            return null;
        }
        if (pairs.size() > PAIR_BUCKETS_SOFT_LIMIT) {
            int burst = config.whatsapp().pairBurst();
            pairs.values().removeIf(bucket -> bucket.getAvailableTokens() >= burst);
        }
        return pairs.computeIfAbsent(command.channelAccountId() + ":" + command.recipient().userId(),
                key -> Bucket.builder().addLimit(Bandwidth.builder().capacity(config.whatsapp().pairBurst())
                        .refillGreedy(1, config.whatsapp().pairInterval()).build()).build());
    }

    /** The narrower Messenger / Instagram limit for audio and video, per account. */
    private Bucket audioVideoBucket(ReplyRequested command) {
        boolean meta = command.channel() == Channel.MESSENGER || command.channel() == Channel.INSTAGRAM;
        if (!meta || command.content().kind() != ReplyKind.MEDIA || command.content().media() == null) {
            return null;
        }
        String kind = command.content().media().kind();
        if (!"audio".equals(kind) && !"video".equals(kind)) {
            return null;
        }
        return audioVideo.computeIfAbsent(command.channelAccountId(), key -> perSecond(META_AUDIO_VIDEO_RATE, headroom()));
    }

    private int defaultRate(Channel channel) {
        switch (channel) {
            case WHATSAPP:
                return config.whatsapp().messagesPerSecond();
            case MESSENGER:
            case INSTAGRAM:
                return config.messenger().messagesPerSecond();
            case TELEGRAM:
                return config.telegram().messagesPerSecond();
            case SMS:
                return config.sms().messagesPerSecond();
            default:
                return CUSTOM_SOURCE_DEFAULT_RATE;
        }
    }

    /**
     * At most {@code rate} sends in any one-second window, measured where the channel counts them. A bucket of
     * capacity {@code c} refilled at {@code r'} per second lets {@code c + r'} through in a second, so capacity = rate
     * would allow twice the rate after a quiet spell. Here {@code c + r' = rate}: a burst of the headroom's share of
     * the rate ({@code rate-headroom}, 4 % by default), and the rest sustained; the sliding-second log admits the
     * sustained rate too, which absorbs ~40 ms of jitter between a send's admission and its arrival at 4 %.
     */
    static Bucket perSecond(int rate, double headroom) {
        int burst = burst(rate, headroom);
        int refill = sustained(rate, headroom);
        return Bucket.builder().addLimit(Bandwidth.builder().capacity(burst).refillGreedy(refill, Duration.ofSeconds(1))
                .build()).build();
    }

    private static int burst(int rate, double headroom) {
        return Math.max(1, (int) Math.ceil(rate * headroom));
    }

    private static int sustained(int rate, double headroom) {
        return Math.max(1, rate - burst(rate, headroom));
    }

    private double headroom() {
        return Math.min(0.5, Math.max(0.01, config.rateHeadroom()));
    }
}
