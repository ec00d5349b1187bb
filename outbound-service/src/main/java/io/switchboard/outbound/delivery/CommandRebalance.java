package io.switchboard.outbound.delivery;

import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;

import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.common.TopicPartition;
import org.jboss.logging.Logger;

import io.smallrye.common.annotation.Identifier;
import io.smallrye.reactive.messaging.kafka.KafkaConsumerRebalanceListener;
import io.switchboard.events.Channel;
import io.switchboard.events.ReplyRequested;
import io.switchboard.events.Topics;
import io.switchboard.outbound.account.AccountPauses;
import io.switchboard.outbound.config.OutboundConfig;
import io.switchboard.outbound.ownership.SenderOwnership;
import io.switchboard.outbound.ratelimit.SendRateLimiter;

/**
 * Makes a sender's in-memory state follow its partition of {@code switchboard.outbound.v1} (the command consumer's
 * rebalance listener, on its polling thread, so no record of a partition is read between these steps).
 * <p>
 * Revoked: no further step starts for its senders, the calls in progress get their answers recorded (at most the
 * read timeout and a margin), the parking writes under way land; then their backlogs, rate buckets and pauses are
 * dropped. Their unfinished records stay uncommitted and their parked rows stay in the table: the next owner reads
 * both. Assigned: the partitions' parked rows are counted and read back, and their senders hold off for
 * {@link SenderOwnership#HOLD_OFF} before the first send.
 */
@ApplicationScoped
@Identifier(CommandRebalance.NAME)
public class CommandRebalance implements KafkaConsumerRebalanceListener {

    /** {@code mp.messaging.incoming.commands.consumer-rebalance-listener.name}. */
    public static final String NAME = "outbound-commands-rebalance";
    private static final Logger LOG = Logger.getLogger(CommandRebalance.class);
    private static final Duration MARGIN = Duration.ofSeconds(5);

    private final SenderOwnership ownership;
    private final CommandConsumer consumer;
    private final SendRateLimiter limiter;
    private final AccountPauses pauses;
    private final OutboundConfig config;

    public CommandRebalance(SenderOwnership ownership, CommandConsumer consumer, SendRateLimiter limiter,
            AccountPauses pauses, OutboundConfig config) {
        this.ownership = ownership;
        this.consumer = consumer;
        this.limiter = limiter;
        this.pauses = pauses;
        this.config = config;
    }

    @Override
    public void onPartitionsAssigned(Consumer<?, ?> kafka, Collection<TopicPartition> partitions) {
        List<Integer> assigned = ours(partitions);
        if (assigned.isEmpty()) {
            return;
        }
        ownership.assign(kafka.partitionsFor(Topics.OUTBOUND).size(), assigned);
        LOG.infof("outbound commands: partitions %s assigned", assigned);
        consumer.assigned(assigned.stream().mapToInt(Integer::intValue).toArray());
    }

    @Override
    public void onPartitionsRevoked(Consumer<?, ?> kafka, Collection<TopicPartition> partitions) {
        release(ours(partitions), "revoked");
    }

    @Override
    public void onPartitionsLost(Consumer<?, ?> kafka, Collection<TopicPartition> partitions) {
        release(ours(partitions), "lost");
    }

    private void release(List<Integer> partitions, String how) {
        if (partitions.isEmpty()) {
            return;
        }
        Duration atMost = config.http().readTimeout().plus(MARGIN);
        Set<Integer> moved = Set.copyOf(partitions);
        try {
            if (!ownership.revoke(partitions, atMost)) {
                LOG.warnf("outbound commands: calls of partitions %s still running %s after they were %s", partitions,
                        atMost, how);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        consumer.revoked(moved, atMost);
        limiter.forget(sender -> moved.contains(ownership.partitionOf(sender)));
        pauses.forget(account -> {
            OutboundConfig.Account configured = config.accounts().get(account);
            return configured != null && moved.contains(ownership.partitionOf(
                    ReplyRequested.senderKey(Channel.fromWireName(configured.channel()), account)));
        });
        LOG.infof("outbound commands: partitions %s %s, their senders' state handed over", partitions, how);
    }

    private static List<Integer> ours(Collection<TopicPartition> partitions) {
        return partitions.stream().filter(p -> Topics.OUTBOUND.equals(p.topic())).map(TopicPartition::partition)
                .sorted().collect(Collectors.toList());
    }
}
