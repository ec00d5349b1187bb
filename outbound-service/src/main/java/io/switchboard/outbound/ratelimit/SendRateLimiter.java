package io.switchboard.outbound.ratelimit;

import java.time.Duration;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

import jakarta.enterprise.context.ApplicationScoped;

import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.ConsumptionProbe;
import io.switchboard.events.Channel;
import io.switchboard.events.ReplyKind;
import io.switchboard.events.ReplyRequested;
import io.switchboard.outbound.config.OutboundConfig;

/**
 * Token buckets per sender (a WhatsApp phone number, a Page, an Instagram account, a custom source) and, on WhatsApp,
 * per (sender, recipient) pair; Messenger and Instagram audio and video have a narrower per-account bucket. A send
 * takes a token from each bucket that applies or from none; when one is empty the caller learns
 * how long to wait and schedules the command again, so one busy conversation never holds up the others.
 */
@ApplicationScoped
public class SendRateLimiter {

    /** Above this many pair buckets, full ones (idle recipients) are dropped: a full bucket is a fresh bucket. */
    static final int PAIR_BUCKETS_SOFT_LIMIT = 100_000;
    private static final int CUSTOM_SOURCE_DEFAULT_RATE = 100;
    /** Messenger and Instagram allow 10 audio or video sends per second per account (CHANNELS.md §3.6). */
    private static final int META_AUDIO_VIDEO_RATE = 10;

    private final OutboundConfig config;
    private final ConcurrentMap<String, Bucket> senders = new ConcurrentHashMap<>();
    private final ConcurrentMap<String, Bucket> pairs = new ConcurrentHashMap<>();
    private final ConcurrentMap<String, Bucket> audioVideo = new ConcurrentHashMap<>();

    public SendRateLimiter(OutboundConfig config) {
        this.config = config;
    }

    /** {@link Duration#ZERO} when the send may go now (its tokens are taken), else how long to wait first. */
    public Duration acquire(ReplyRequested command, OutboundConfig.Account account) {
        Bucket sender = senders.computeIfAbsent(command.channel().wireName() + ":" + command.channelAccountId(),
                key -> perSecond(account.messagesPerSecond().orElse(defaultRate(command.channel()))));
        Bucket pair = pairBucket(command);
        if (pair == null) {
            pair = audioVideoBucket(command);
        }
        if (pair != null) {
            ConsumptionProbe probe = pair.tryConsumeAndReturnRemaining(1);
            if (!probe.isConsumed()) {
                return Duration.ofNanos(probe.getNanosToWaitForRefill());
            }
        }
        ConsumptionProbe probe = sender.tryConsumeAndReturnRemaining(1);
        if (!probe.isConsumed()) {
            if (pair != null) {
                // Give the narrower bucket's token back: nothing was sent.
                pair.addTokens(1);
            }
            return Duration.ofNanos(probe.getNanosToWaitForRefill());
        }
        return Duration.ZERO;
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
        return audioVideo.computeIfAbsent(command.channelAccountId(), key -> perSecond(META_AUDIO_VIDEO_RATE));
    }

    private int defaultRate(Channel channel) {
        switch (channel) {
            case WHATSAPP:
                return config.whatsapp().messagesPerSecond();
            case MESSENGER:
            case INSTAGRAM:
                return config.messenger().messagesPerSecond();
            default:
                return CUSTOM_SOURCE_DEFAULT_RATE;
        }
    }

    private static Bucket perSecond(int rate) {
        // One second's quota at most, refilled continuously: a burst after a quiet spell stays within the limit.
        return Bucket.builder().addLimit(Bandwidth.builder().capacity(rate).refillGreedy(rate, Duration.ofSeconds(1))
                .build()).build();
    }
}
