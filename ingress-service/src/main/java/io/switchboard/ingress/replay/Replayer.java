package io.switchboard.ingress.replay;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Future;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndTimestamp;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.jboss.logging.Logger;

import io.switchboard.events.CloudEventCodec;
import io.switchboard.events.ConversationEvent;
import io.switchboard.events.RawRef;
import io.switchboard.ingress.normalize.ChannelNormalizer;
import io.switchboard.ingress.normalize.Preview;
import io.switchboard.ingress.normalize.WebhookContext;
import io.switchboard.ingress.webhook.RawWebhook;
import io.switchboard.messaging.deadletter.DeadLetterHeaders;
import io.switchboard.messaging.kafka.KafkaClientProperties;
import io.switchboard.messaging.kafka.Producers;

/**
 * One replay. Reads the raw topic from the offsets of {@code from} ({@code offsetsForTimes}) up to those of {@code to}
 * or the end offsets taken at the start, whichever comes first, so records arriving meanwhile (its own copies
 * among them) are not read; then, if asked, the dead-letter topic over the same range and the raw webhook each dead
 * letter names ({@code sb_dlq_source_*}). Each raw webhook is previewed with the normalizers: one holding an event
 * the event-ids store does not know is put back on the raw topic with {@code sb_replay} (so the custom-source
 * replay check lets it through) and {@code sb_replay_of}; the topology then publishes exactly its new events.
 */
final class Replayer implements Runnable {

    private static final Logger LOG = Logger.getLogger(Replayer.class);
    private static final Duration POLL = Duration.ofMillis(500);

    private final Progress progress;
    private final Map<String, ChannelNormalizer> normalizers;
    private final PublishedEvents published;
    private final KafkaClientProperties kafka;
    private final String rawTopic;
    private final String deadLetterTopic;
    /** The raw webhooks handled, by where they were first received: each counts once. */
    private final Set<String> handled = new HashSet<>();
    /** New event ids this replay republished: a second webhook with the same ones adds nothing. */
    private final Set<String> scheduled = new HashSet<>();
    private final List<Future<RecordMetadata>> sends = new ArrayList<>();
    private PublishedEvents.Lookup lookup;

    Replayer(Progress progress, Map<String, ChannelNormalizer> normalizers, PublishedEvents published,
            KafkaClientProperties kafka, String rawTopic, String deadLetterTopic) {
        this.progress = progress;
        this.normalizers = normalizers;
        this.published = published;
        this.kafka = kafka;
        this.rawTopic = rawTopic;
        this.deadLetterTopic = deadLetterTopic;
    }

    @Override
    public void run() {
        String failure = null;
        try (KafkaConsumer<String, byte[]> consumer = consumer();
                KafkaProducer<String, byte[]> producer = Producers.reliable(kafka, "ingress-replay-" + progress.id())) {
            lookup = published.open();
            ReplayRequest request = progress.request();
            scan(consumer, rawTopic, request, record -> handle(producer, record, false));
            if (request.deadLetters()) {
                try (KafkaConsumer<String, byte[]> raw = consumer()) {
                    scan(consumer, deadLetterTopic, request, letter -> deadLetter(producer, raw, letter));
                }
            }
            flush();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            failure = "interrupted";
        } catch (Exception e) {
            LOG.errorf(e, "replay %s failed", progress.id());
            failure = e.getClass().getSimpleName() + ": " + e.getMessage();
        }
        progress.finished(Instant.now(), failure);
        LOG.infof("replay %s finished: %s", progress.id(), progress.status().state());
    }

    private interface Handler {
        void handle(ConsumerRecord<String, byte[]> record) throws Exception;
    }

    /** Every record of {@code topic} from the offsets of {@code from} to those of {@code to} or the current end. */
    private void scan(KafkaConsumer<String, byte[]> consumer, String topic, ReplayRequest request, Handler handler)
            throws Exception {
        List<TopicPartition> partitions = consumer.partitionsFor(topic, Duration.ofSeconds(10)).stream()
                .map(p -> new TopicPartition(topic, p.partition())).toList();
        Map<TopicPartition, Long> ends = consumer.endOffsets(partitions, Duration.ofSeconds(10));
        Map<TopicPartition, Long> starts = offsetsAt(consumer, partitions, request.from(), ends);
        Map<TopicPartition, Long> stops = offsetsAt(consumer, partitions, request.to(), ends);
        Map<TopicPartition, Long> remaining = new HashMap<>();
        for (TopicPartition partition : partitions) {
            if (starts.get(partition) < stops.get(partition)) {
                remaining.put(partition, stops.get(partition));
            }
        }
        consumer.assign(remaining.keySet());
        remaining.keySet().forEach(partition -> consumer.seek(partition, starts.get(partition)));
        while (!remaining.isEmpty()) {
            for (ConsumerRecord<String, byte[]> record : consumer.poll(POLL)) {
                TopicPartition partition = new TopicPartition(record.topic(), record.partition());
                Long stop = remaining.get(partition);
                if (stop != null && record.offset() < stop) {
                    handler.handle(record);
                }
            }
            // A position at or past the stop (transaction markers count as offsets too) ends the partition.
            for (TopicPartition partition : List.copyOf(remaining.keySet())) {
                if (consumer.position(partition) >= remaining.get(partition)) {
                    remaining.remove(partition);
                    consumer.pause(List.of(partition));
                }
            }
            flush();
        }
        consumer.assign(List.of());
    }

    private static Map<TopicPartition, Long> offsetsAt(KafkaConsumer<String, byte[]> consumer,
            List<TopicPartition> partitions, Instant at, Map<TopicPartition, Long> ends) {
        Map<TopicPartition, Long> query = new HashMap<>();
        partitions.forEach(partition -> query.put(partition, at.toEpochMilli()));
        Map<TopicPartition, OffsetAndTimestamp> found = consumer.offsetsForTimes(query, Duration.ofSeconds(10));
        Map<TopicPartition, Long> offsets = new HashMap<>();
        for (TopicPartition partition : partitions) {
            OffsetAndTimestamp offset = found.get(partition);
            long end = ends.get(partition);
            offsets.put(partition, offset == null ? end : Math.min(offset.offset(), end));
        }
        return offsets;
    }

    /** A dead letter of the range: the raw webhook it names, unless this replay had it already. */
    private void deadLetter(KafkaProducer<String, byte[]> producer, KafkaConsumer<String, byte[]> raw,
            ConsumerRecord<String, byte[]> letter) throws Exception {
        progress.update(() -> progress.deadLettersRead++);
        String topic = header(letter.headers(), DeadLetterHeaders.SOURCE_TOPIC);
        String partition = header(letter.headers(), DeadLetterHeaders.SOURCE_PARTITION);
        String offset = header(letter.headers(), DeadLetterHeaders.SOURCE_OFFSET);
        if (!rawTopic.equals(topic) || partition == null || offset == null) {
            progress.failing("dead letter names no raw webhook");
            return;
        }
        if (handled.contains(topic + ":" + partition + ":" + offset)) {
            progress.update(() -> progress.deadLettersCovered++);
            return;
        }
        ConsumerRecord<String, byte[]> record = fetch(raw, new TopicPartition(topic, Integer.parseInt(partition)),
                Long.parseLong(offset));
        if (record == null) {
            progress.failing("raw webhook no longer kept");
            return;
        }
        if (handled.contains(original(record))) {
            progress.update(() -> progress.deadLettersCovered++);
            return;
        }
        handle(producer, record, true);
    }

    private static ConsumerRecord<String, byte[]> fetch(KafkaConsumer<String, byte[]> consumer,
            TopicPartition partition, long offset) {
        consumer.assign(List.of(partition));
        consumer.seek(partition, offset);
        Instant deadline = Instant.now().plusSeconds(10);
        while (Instant.now().isBefore(deadline)) {
            for (ConsumerRecord<String, byte[]> record : consumer.poll(POLL)) {
                if (record.offset() == offset) {
                    return record;
                }
                if (record.offset() > offset) {
                    return null;
                }
            }
            if (consumer.position(partition) > offset) {
                return null;
            }
        }
        return null;
    }

    private void handle(KafkaProducer<String, byte[]> producer, ConsumerRecord<String, byte[]> record,
            boolean namedByDeadLetter) {
        ReplayRequest request = progress.request();
        if (header(record.headers(), RawWebhook.HEADER_REPLAY) != null && !namedByDeadLetter) {
            progress.update(() -> progress.replayCopies++);
            return;
        }
        String original = original(record);
        if (!handled.add(original)) {
            progress.update(() -> progress.deadLettersCovered++);
            return;
        }
        String channel = header(record.headers(), RawWebhook.HEADER_CHANNEL);
        if (request.channel() != null && !request.channel().equals(channel)) {
            progress.update(() -> progress.filteredOut++);
            return;
        }
        String source = header(record.headers(), RawWebhook.HEADER_SOURCE);
        String receivedAt = header(record.headers(), RawWebhook.HEADER_RECEIVED_AT);
        String[] ref = original.split(":");
        WebhookContext context = new WebhookContext(source, receivedAt == null
                ? Instant.ofEpochMilli(record.timestamp()) : Instant.parse(receivedAt),
                new RawRef(ref[0], Integer.parseInt(ref[1]), Long.parseLong(ref[2])));
        Preview preview = Preview.of(normalizers, channel == null ? "" : channel, record.value(), context);
        if (request.account() != null && !about(record, source, preview, request.account())) {
            progress.update(() -> progress.filteredOut++);
            return;
        }
        List<ConversationEvent> fresh = new ArrayList<>();
        for (ConversationEvent event : preview.events()) {
            if (!scheduled.contains(event.eventId()) && !lookup.published(event.eventId())) {
                fresh.add(event);
            }
        }
        long known = preview.events().size() - fresh.size();
        progress.update(() -> {
            progress.read++;
            progress.eventsAlreadyPublished += known;
            progress.eventsNew += fresh.size();
        });
        preview.failures().forEach(progress::failing);
        if (fresh.isEmpty()) {
            if (!preview.events().isEmpty()) {
                progress.update(() -> progress.skippedAsDuplicates++);
            } else if (preview.failures().isEmpty()) {
                progress.update(() -> progress.nothingToPublish++);
            }
            return;
        }
        fresh.forEach(event -> scheduled.add(event.eventId()));
        sends.add(producer.send(new ProducerRecord<>(rawTopic, null, record.key(), record.value(),
                copyHeaders(record.headers(), original))));
        progress.update(() -> progress.republished++);
    }

    /** The webhook is about the account: one of its events is, or (none normalized) its source or key names it. */
    private static boolean about(ConsumerRecord<String, byte[]> record, String source, Preview preview,
            String account) {
        if (preview.events().stream().anyMatch(event -> account.equals(event.channelAccountId()))) {
            return true;
        }
        return preview.events().isEmpty() && (account.equals(source)
                || (record.key() != null && record.key().endsWith(":" + account)));
    }

    private Headers copyHeaders(Headers original, String originalRef) {
        RecordHeaders headers = new RecordHeaders();
        for (Header header : original) {
            if (!header.key().equals(RawWebhook.HEADER_REPLAY)) {
                headers.add(header);
            }
        }
        headers.add(RawWebhook.HEADER_REPLAY, progress.id().getBytes(StandardCharsets.UTF_8));
        if (original.lastHeader(RawWebhook.HEADER_REPLAY_OF) == null) {
            headers.add(RawWebhook.HEADER_REPLAY_OF, originalRef.getBytes(StandardCharsets.UTF_8));
        }
        return headers;
    }

    /** Where the webhook was first received: a copy names its original. */
    private static String original(ConsumerRecord<String, byte[]> record) {
        String of = header(record.headers(), RawWebhook.HEADER_REPLAY_OF);
        return of != null ? of : record.topic() + ":" + record.partition() + ":" + record.offset();
    }

    private void flush() throws Exception {
        for (Future<RecordMetadata> send : sends) {
            send.get();
        }
        sends.clear();
    }

    private KafkaConsumer<String, byte[]> consumer() {
        return new KafkaConsumer<>(kafka.with(Map.of(
                ConsumerConfig.CLIENT_ID_CONFIG, "ingress-replay-" + progress.id(),
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
                // Dead letters are written in the normalization's transactions.
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed",
                ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 200,
                ConsumerConfig.MAX_PARTITION_FETCH_BYTES_CONFIG, 8 * 1024 * 1024)),
                new StringDeserializer(), new ByteArrayDeserializer());
    }

    private static String header(Headers headers, String name) {
        return CloudEventCodec.header(headers, name);
    }
}
