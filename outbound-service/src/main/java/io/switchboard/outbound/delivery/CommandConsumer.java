package io.switchboard.outbound.delivery;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.jboss.logging.Logger;

import io.opentelemetry.context.Context;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.TracingMetadata;
import io.smallrye.reactive.messaging.kafka.api.IncomingKafkaRecordMetadata;
import io.switchboard.events.CloudEventCodec;
import io.switchboard.events.EventType;
import io.switchboard.events.ReplyRequested;
import io.switchboard.events.ThreadControlAction;
import io.switchboard.events.ThreadControlChangeRequested;
import io.switchboard.messaging.consume.ConsumerHealth;
import io.switchboard.messaging.consume.ConsumerPolicy;
import io.switchboard.messaging.consume.PoisonRecordException;
import io.switchboard.messaging.trace.TraceContext;
import io.switchboard.outbound.config.OutboundConfig;
import io.switchboard.outbound.ownership.SenderOwnership;
import io.switchboard.outbound.intake.RecordChecks;
import io.switchboard.outbound.ratelimit.SendRateLimiter;

/**
 * Reads {@code switchboard.outbound.v1} ({@code read_committed}) and hands each command to the
 * {@link DeliveryProcessor}, one at a time per conversation. A record is acknowledged when its command has a durable
 * result; the throttled commit strategy commits an offset only when every record before it is acknowledged, so a
 * restart redelivers whatever was unfinished, and the deliveries table keeps redeliveries from being sent again.
 * <p>
 * A sender holds at most {@code max-in-flight-per-sender} commands in memory. Its further commands are parked in the
 * database ({@link ParkedCommands}, acknowledged once written) and read back in arrival order as its held ones
 * finish, so reading goes on for the other senders however far behind one sender is.
 */
@ApplicationScoped
public class CommandConsumer {

    private static final Logger LOG = Logger.getLogger(CommandConsumer.class);

    /** The channel, as the consumer policy and readiness name it. */
    static final String CHANNEL = "commands";
    /** Writing a sender's excess to parked_commands, retried through an outage (readiness DOWN meanwhile). */
    static final String PARKING = "commands-parking";

    private final DeliveryProcessor processor;
    private final ConsumerPolicy policy;
    private final ConsumerHealth health;
    private final ParkedCommands parkedCommands;
    private final DeliveryMetrics metrics;
    private final SenderOwnership ownership;
    private final int maxInFlight;
    private final int perSender;
    private final Duration infrastructureBackoff;
    private final PerKeyQueue queue = new PerKeyQueue();
    private final AtomicInteger inFlight = new AtomicInteger();
    private final ConcurrentMap<String, Backlog> backlogs = new ConcurrentHashMap<>();
    /** Stopping: a record not parked yet stays unacknowledged, and Kafka delivers it again after the restart. */
    private volatile boolean stopping;

    private final ThreadControlCalls threadControl;

    public CommandConsumer(DeliveryProcessor processor, ConsumerPolicy policy, ConsumerHealth health,
            ParkedCommands parkedCommands, DeliveryMetrics metrics, OutboundConfig config, SenderOwnership ownership,
            ThreadControlCalls threadControl) {
        this.threadControl = threadControl;
        this.processor = processor;
        this.ownership = ownership;
        this.metrics = metrics;
        this.policy = policy;
        this.health = health;
        this.parkedCommands = parkedCommands;
        this.maxInFlight = config.maxInFlight();
        this.perSender = Math.max(1, config.maxInFlightPerSender());
        this.infrastructureBackoff = config.retry().infrastructureBackoff();
    }

    /**
     * What the owner of newly assigned partitions does with their senders' rows in {@code parked_commands}, left by
     * their previous owner or by a stopped process: counted (before any record of those partitions is read, so
     * arrivals park behind them) and read back in order. Called on the polling thread by the rebalance listener.
     */
    void assigned(int[] partitions) {
        parkedCommands.counts(partitions, ownership::partitionOf).await().atMost(Duration.ofSeconds(30))
                .forEach((sender, count) -> {
                    Backlog backlog = backlog(sender);
                    synchronized (backlog) {
                        backlog.parked += count;
                    }
                    readBack(backlog);
                });
    }

    /** The parked rows of every partition this instance owns now, as a start (or a new owner) reads them. */
    public void readBackLeftParked() {
        assigned(ownership.partitions());
    }

    /**
     * The partitions go to another instance: their senders' backlogs are dropped from memory (their parked rows stay
     * in the table for the next owner, their unacknowledged records stay in Kafka), once the parking writes under
     * way have landed (so the next owner counts them), at most {@code atMost}.
     */
    void revoked(Collection<Integer> partitions, Duration atMost) {
        List<CompletableFuture<Void>> writes = new ArrayList<>();
        backlogs.values().removeIf(backlog -> {
            if (!partitions.contains(ownership.partitionOf(backlog.sender))) {
                return false;
            }
            synchronized (backlog) {
                backlog.dropped = true;
                writes.add(backlog.parking);
            }
            return true;
        });
        try {
            CompletableFuture.allOf(writes.toArray(CompletableFuture[]::new)).exceptionally(ignored -> null)
                    .get(atMost.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException | TimeoutException e) {
            LOG.warnf("parking writes of revoked senders still under way after %s", atMost);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @PreDestroy
    void stop() {
        stopping = true;
    }

    @Incoming("commands")
    @SuppressWarnings("unchecked")
    public CompletionStage<Void> onCommand(Message<byte[]> message) {
        IncomingKafkaRecordMetadata<String, byte[]> metadata = message.getMetadata(IncomingKafkaRecordMetadata.class)
                .orElseThrow(() -> new IllegalStateException("not a Kafka record"));
        ConsumerRecord<String, byte[]> record = new ConsumerRecord<>(metadata.getTopic(), metadata.getPartition(),
                metadata.getOffset(), metadata.getTimestamp().toEpochMilli(), metadata.getTimestampType(),
                ConsumerRecord.NULL_SIZE, ConsumerRecord.NULL_SIZE, metadata.getKey(), message.getPayload(),
                metadata.getHeaders(), Optional.empty());
        // Reading is all the policy retries: an unreadable or out-of-bounds command is set aside (and acknowledged);
        // the delivery's own waits and outages are the DeliveryProcessor's.
        AtomicReference<CompletionStage<Void>> taken = new AtomicReference<>();
        return policy.handleReactive(CHANNEL, record, () -> Uni.createFrom().item(() -> {
            taken.set(intake(message, record));
            return null;
        }).replaceWithVoid()).subscribeAsCompletionStage()
                .thenCompose(ignored -> taken.get() != null ? taken.get() : message.ack());
    }

    private CompletionStage<Void> intake(Message<byte[]> message, ConsumerRecord<String, byte[]> record) {
        if (EventType.THREAD_CONTROL_CHANGE_REQUESTED.ceType().equals(
                CloudEventCodec.header(record.headers(), CloudEventCodec.HEADER_TYPE))) {
            // Meta's handover protocol: in order with the conversation's replies, outside the senders' pacing (a
            // thread control call is not a message). Acknowledged once its result is durable.
            ThreadControlChangeRequested change = readThreadControl(record);
            inFlight.incrementAndGet();
            queue.submit(change.conversationKey(), () -> threadControl.handle(change)).whenComplete((ok, failure) -> {
                inFlight.decrementAndGet();
                if (failure == null) {
                    message.ack();
                } else {
                    LOG.warnf("thread control command %s interrupted: %s", change.eventId(), failure.toString());
                }
            });
            return CompletableFuture.completedFuture(null);
        }
        Command command = new Command(read(record), record.key(), record.value(), record.headers(),
                record.partition(), record.offset());
        long epoch = ownership.epoch(record.partition());
        if (epoch < 0) {
            // Read just before its partition was revoked: unacknowledged, the partition's next owner reads it again.
            return CompletableFuture.completedFuture(null);
        }
        String sender = SendRateLimiter.senderKey(command.event());
        metrics.intakeDelay(sender).record(Math.max(0, System.currentTimeMillis() - record.timestamp()),
                TimeUnit.MILLISECONDS);
        Backlog backlog = backlog(sender);
        if (!backlog.holdOrPark()) {
            park(backlog, command, message);
            return CompletableFuture.completedFuture(null);
        }
        // The command's trace goes with it to the worker that sends it: the channel call is its child (ADR 0011).
        Context trace = TracingMetadata.fromMessage(message).map(TracingMetadata::getCurrentContext)
                .orElseGet(Context::current);
        CompletableFuture<Void> done = run(backlog, command, trace, epoch)
                .thenCompose(finished -> finished ? message.ack() : CompletableFuture.<Void>completedFuture(null));
        // Back-pressure for all senders together, a memory bound that one sender alone never reaches.
        return inFlight.get() > maxInFlight ? done : CompletableFuture.completedFuture(null);
    }

    /** True once the command has a durable result; false when the service stopped first. */
    private CompletableFuture<Boolean> run(Backlog backlog, Command command, Context trace, long epoch) {
        inFlight.incrementAndGet();
        return queue.submit(command.event().conversationKey(),
                trace.wrapSupplier(() -> processor.process(command, epoch)))
                .handle((ignored, failure) -> {
                    if (failure instanceof SenderMovedException
                            || failure != null && failure.getCause() instanceof SenderMovedException) {
                        LOG.debugf("command %s left to the sender's new owner", command.event().eventId());
                    } else if (failure != null) {
                        // Only at shutdown (the workers are gone). Unacknowledged (or still parked), the command is
                        // read again after the restart and resumes from the state in the database.
                        LOG.warnf("command %s interrupted: %s", command.event().eventId(), failure.toString());
                    }
                    return failure == null;
                })
                .whenComplete((ignored, failure) -> {
                    inFlight.decrementAndGet();
                    backlog.release();
                    readBack(backlog);
                });
    }

    /** Written in arrival order per sender, then acknowledged; a failed write is tried again, never skipped. */
    private void park(Backlog backlog, Command command, Message<byte[]> message) {
        synchronized (backlog) {
            backlog.parking = backlog.parking.exceptionally(ignored -> null).thenCompose(ignored -> parkedCommands.park(backlog.sender, command)
                    .onFailure().invoke(e -> {
                        health.retrying(PARKING, e);
                        LOG.warnf("parking command %s: %s; trying again", command.event().eventId(), e.toString());
                    })
                    .onItem().invoke(() -> health.recovered(PARKING))
                    .onFailure(failure -> !stopping).retry().withBackOff(infrastructureBackoff, infrastructureBackoff)
                    .indefinitely()
                    .subscribeAsCompletionStage()
                    .thenCompose(fresh -> {
                        if (!fresh) {
                            // Parked already (Kafka redelivered the record): that row stands for it.
                            backlog.forget();
                        }
                        readBack(backlog);
                        return message.ack();
                    }));
        }
    }

    /** Reads a sender's parked commands back, oldest first, once half its in-memory room is free. */
    private void readBack(Backlog backlog) {
        int room;
        long after;
        synchronized (backlog) {
            if (backlog.dropped || backlog.reading || backlog.parked == 0 || backlog.held > perSender / 2) {
                return;
            }
            backlog.reading = true;
            room = perSender - backlog.held;
            after = backlog.lastSeq;
        }
        parkedCommands.next(backlog.sender, after, room).subscribe().with(rows -> started(backlog, rows), failure -> {
            LOG.warnf("reading parked commands of %s: %s; trying again", backlog.sender, failure.toString());
            synchronized (backlog) {
                backlog.reading = false;
            }
            Uni.createFrom().voidItem().onItem().delayIt().by(infrastructureBackoff).subscribe()
                    .with(ignored -> readBack(backlog));
        });
    }

    private void started(Backlog backlog, List<ParkedCommands.Parked> rows) {
        synchronized (backlog) {
            backlog.reading = false;
            if (backlog.dropped) {
                return; // The sender moved: its next owner reads these rows.
            }
            // Under the lock: a command of this sender read meanwhile is parked behind these, never ahead of them.
            for (ParkedCommands.Parked row : rows) {
                backlog.parked--;
                backlog.held++;
                backlog.lastSeq = row.seq();
                Command command = new Command((ReplyRequested) CloudEventCodec.read(EventType.REPLY_REQUESTED,
                        row.value()), row.key(), row.value(), row.headers(), row.partition(), row.offset());
                run(backlog, command, traceOf(command.headers()), ownership.epoch(command.ownerPartition(ownership)))
                        .thenAccept(finished -> {
                    if (finished) {
                        parkedCommands.done(row.seq()).subscribe().with(ignored -> { }, failure -> LOG.warnf(
                                "parked command %s stays parked: %s", command.event().eventId(), failure.toString()));
                    }
                });
            }
        }
        if (!rows.isEmpty()) {
            readBack(backlog);
        }
    }

    private Backlog backlog(String sender) {
        return backlogs.computeIfAbsent(sender, key -> {
            // Registered once per sender on the map: a backlog dropped at a revoke and made again counts on.
            metrics.parked(key, backlogs, all -> {
                Backlog current = all.get(key);
                return current == null ? 0 : current.parked();
            });
            return new Backlog(key);
        });
    }

    /** The command, or poison: not a ReplyRequested, unreadable, or an id out of bounds. */
    static ReplyRequested read(ConsumerRecord<String, byte[]> record) {
        String type = CloudEventCodec.header(record.headers(), CloudEventCodec.HEADER_TYPE);
        if (!EventType.REPLY_REQUESTED.ceType().equals(type)) {
            throw new PoisonRecordException("ce_type " + type + " is not " + EventType.REPLY_REQUESTED.ceType());
        }
        ReplyRequested command = (ReplyRequested) CloudEventCodec.read(EventType.REPLY_REQUESTED, record.value());
        RecordChecks.id("eventId", command.eventId());
        RecordChecks.id("conversationKey", command.conversationKey());
        RecordChecks.id("channelAccountId", command.channelAccountId());
        RecordChecks.optionalId("agentId", command.agentId());
        if (command.channel() == null || command.content() == null || command.content().kind() == null) {
            throw new PoisonRecordException("channel or content missing");
        }
        return command;
    }

    /** A thread control command, or poison: unreadable, an id out of bounds, or without its action or recipient. */
    static ThreadControlChangeRequested readThreadControl(ConsumerRecord<String, byte[]> record) {
        ThreadControlChangeRequested command = (ThreadControlChangeRequested) CloudEventCodec.read(
                EventType.THREAD_CONTROL_CHANGE_REQUESTED, record.value());
        RecordChecks.id("eventId", command.eventId());
        RecordChecks.id("conversationKey", command.conversationKey());
        RecordChecks.id("channelAccountId", command.channelAccountId());
        RecordChecks.id("recipientId", command.recipientId());
        RecordChecks.optionalId("targetAppId", command.targetAppId());
        if (command.channel() == null || command.action() == null
                || (command.action() == ThreadControlAction.PASS && command.targetAppId() == null)) {
            throw new PoisonRecordException("channel, action or (to pass) targetAppId missing");
        }
        if (command.channel() != io.switchboard.events.Channel.MESSENGER
                && command.channel() != io.switchboard.events.Channel.INSTAGRAM
                && command.channel() != io.switchboard.events.Channel.WHATSAPP) {
            throw new PoisonRecordException("thread control is for Messenger, Instagram and WhatsApp, not "
                    + command.channel().wireName());
        }
        return command;
    }

    /** One sender's commands: held in memory, parked in the table and not yet read back. */
    private final class Backlog {

        private final String sender;
        private int held;
        private int parked;
        private long lastSeq;
        private boolean reading;
        /** Its sender moved to another instance: nothing more is read back into this backlog. */
        private boolean dropped;
        private CompletableFuture<Void> parking = CompletableFuture.completedFuture(null);

        Backlog(String sender) {
            this.sender = sender;
        }

        /** True: hold it in memory. False: park it, also whenever older ones are parked (arrival order). */
        synchronized boolean holdOrPark() {
            if (parked == 0 && held < perSender) {
                held++;
                return true;
            }
            parked++;
            return false;
        }

        synchronized void release() {
            held--;
        }

        synchronized void forget() {
            parked--;
        }

        synchronized double parked() {
            return parked;
        }
    }

    /** The trace a parked command arrived in, from the {@code traceparent} kept with its headers. */
    private static Context traceOf(Headers headers) {
        Header traceparent = headers == null ? null : headers.lastHeader(TraceContext.TRACEPARENT);
        return TraceContext.restore(traceparent == null ? null
                : new String(traceparent.value(), java.nio.charset.StandardCharsets.US_ASCII));
    }
}
