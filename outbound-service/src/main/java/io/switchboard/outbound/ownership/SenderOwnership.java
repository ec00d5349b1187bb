package io.switchboard.outbound.ownership;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Collection;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.enterprise.context.ApplicationScoped;

import org.apache.kafka.common.utils.Utils;

/**
 * Which senders this instance owns: those whose Kafka key ({@code ReplyRequested.senderKey}) falls on a partition of
 * {@code switchboard.outbound.v1} assigned to it. Only the owner sends for a sender, so its rate limit, pause and
 * parked commands live in one process however many replicas run.
 * <p>
 * Every assignment of a partition has its own epoch. A command captures its record partition's epoch when it is read
 * (for a command keyed by its sender, that is the sender's partition; a parked one keeps its record's) and each step
 * {@link #enter enters} under it; once the partition is revoked no step enters any more, and {@link #revoke} waits
 * for the steps inside (a call in progress) before the partition goes to its next owner, so two instances never send
 * for one sender at once. A newly assigned sender holds off for {@link #HOLD_OFF}: the previous owner's last second
 * of sends is not in this instance's log, and must not share a window with this one's first.
 */
@ApplicationScoped
public class SenderOwnership {

    /** The previous owner's sliding second: no send of a moved sender before it has passed. */
    public static final Duration HOLD_OFF = Duration.ofSeconds(1);
    private static final long NOT_OWNED = -1;

    private final Map<Integer, Owned> owned = new ConcurrentHashMap<>();
    /** Revoked partitions whose steps are still being waited for, by epoch. */
    private final Map<Long, Owned> leaving = new ConcurrentHashMap<>();
    private volatile int partitions;
    private long epochs;

    /** The partition a sender's commands are on: Kafka's default partitioner for the key. */
    public int partitionOf(String sender) {
        int count = partitions;
        if (count <= 0) {
            return -1;
        }
        return Utils.toPositive(Utils.murmur2(sender.getBytes(StandardCharsets.UTF_8))) % count;
    }

    /** The partition whose owner runs a command: its record's, or its sender's when the position is unknown (-1). */
    public int partitionOf(String sender, int recordPartition) {
        return recordPartition >= 0 ? recordPartition : partitionOf(sender);
    }

    public boolean owns(int partition) {
        return owned.containsKey(partition);
    }

    /** The current epoch of an assigned partition, or -1 when this instance does not own it. */
    public long epoch(int partition) {
        Owned owner = owned.get(partition);
        return owner == null ? NOT_OWNED : owner.epoch;
    }

    /** The partitions assigned now. */
    public int[] partitions() {
        return owned.keySet().stream().mapToInt(Integer::intValue).sorted().toArray();
    }

    /** Whether any partitions are assigned (the consumer joined its group). */
    public boolean assigned() {
        return !owned.isEmpty();
    }

    /** Called by the rebalance listener with the topic's partition count and the partitions now assigned. */
    public synchronized void assign(int partitionCount, Collection<Integer> assigned) {
        partitions = partitionCount;
        long now = System.nanoTime();
        for (Integer partition : assigned) {
            owned.computeIfAbsent(partition, p -> new Owned(++epochs, now));
        }
    }

    /**
     * A step of a command read from partition {@code number} under {@code epoch} may run: true (and counted until
     * {@link #exit}) while the partition is still assigned under that epoch, false once it was revoked.
     */
    public boolean enter(int number, long epoch) {
        Owned partition = owned.get(number);
        if (partition == null || partition.epoch != epoch) {
            return false;
        }
        synchronized (partition) {
            if (partition.revoked) {
                return false;
            }
            partition.active++;
            return true;
        }
    }

    public void exit(int number, long epoch) {
        Owned partition = owned.get(number);
        Owned revoked = partition != null && partition.epoch == epoch ? partition : leaving.get(epoch);
        if (revoked == null) {
            return;
        }
        synchronized (revoked) {
            revoked.active--;
            revoked.notifyAll();
        }
    }

    /**
     * No step enters the partitions any more; waits up to {@code atMost} for the steps inside (calls in progress,
     * their answers recorded). False when some were still running at the deadline.
     */
    public boolean revoke(Collection<Integer> revoked, Duration atMost) throws InterruptedException {
        long deadline = System.nanoTime() + atMost.toNanos();
        boolean drained = true;
        for (Integer number : revoked) {
            Owned partition;
            synchronized (this) {
                partition = owned.get(number);
                if (partition == null) {
                    continue;
                }
                leaving.put(partition.epoch, partition);
                owned.remove(number);
            }
            synchronized (partition) {
                partition.revoked = true;
                long left;
                while (partition.active > 0 && (left = deadline - System.nanoTime()) > 0) {
                    partition.wait(Math.max(1, left / 1_000_000));
                }
                drained &= partition.active == 0;
            }
            leaving.remove(partition.epoch);
        }
        return drained;
    }

    /** Nanoseconds until a newly assigned sender may send (0 once the previous owner's last second has passed). */
    public long holdOffNanos(String sender) {
        Owned partition = owned.get(partitionOf(sender));
        if (partition == null) {
            return 0;
        }
        return Math.max(0, partition.assignedAt + HOLD_OFF.toNanos() - System.nanoTime());
    }

    private static final class Owned {

        private final long epoch;
        private final long assignedAt;
        private int active;
        private boolean revoked;

        Owned(long epoch, long assignedAt) {
            this.epoch = epoch;
            this.assignedAt = assignedAt;
        }
    }
}
