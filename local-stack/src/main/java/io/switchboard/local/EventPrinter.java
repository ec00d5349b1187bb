package io.switchboard.local;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

/** Prints one line for every record that reaches the watched topics from now on. */
final class EventPrinter implements Runnable {

    private static final int EXCERPT = 160;

    private final KafkaConsumer<String, byte[]> consumer;
    private final Thread thread = new Thread(this, "event-printer");

    EventPrinter(String bootstrapServers, List<String> topics) {
        // No group: the printer takes every partition and commits nothing, so it never competes with a service.
        consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ConsumerConfig.CLIENT_ID_CONFIG, "switchboard-local-event-printer",
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false"),
                new StringDeserializer(), new ByteArrayDeserializer());
        List<TopicPartition> partitions = new ArrayList<>();
        for (String topic : topics) {
            consumer.partitionsFor(topic).forEach(p -> partitions.add(new TopicPartition(topic, p.partition())));
        }
        consumer.assign(partitions);
        consumer.seekToEnd(partitions);
        // Resolve the end offsets now, before any service starts writing, so that no early event is skipped.
        partitions.forEach(consumer::position);
        thread.setDaemon(true);
    }

    void start() {
        thread.start();
    }

    @Override
    public void run() {
        try {
            while (true) {
                for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(500))) {
                    System.out.println(describe(record));
                }
            }
        } catch (WakeupException e) {
            // stop() was called.
        } catch (RuntimeException e) {
            LocalStack.say("the event printer stopped: " + e);
        } finally {
            consumer.close(Duration.ofSeconds(2));
        }
    }

    void stop() {
        consumer.wakeup();
        try {
            thread.join(5_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static String describe(ConsumerRecord<String, byte[]> record) {
        StringBuilder line = new StringBuilder("[event] ").append(record.topic())
                .append(" key=").append(record.key())
                .append(" type=").append(header(record, "ce_type"))
                .append(" id=").append(header(record, "ce_id"));
        // Dead letters carry their reason in headers; show whichever of those there are.
        for (Header h : record.headers()) {
            String key = h.key().toLowerCase();
            if (key.contains("reason") || key.contains("error")) {
                line.append(' ').append(h.key()).append('=').append(text(h.value()));
            }
        }
        String body = record.value() == null ? "null" : text(record.value()).replaceAll("\\s+", " ");
        line.append(' ').append(body.length() > EXCERPT ? body.substring(0, EXCERPT) + "..." : body);
        return line.toString();
    }

    private static String header(ConsumerRecord<String, byte[]> record, String key) {
        Header h = record.headers().lastHeader(key);
        return h == null ? "-" : text(h.value());
    }

    private static String text(byte[] bytes) {
        return bytes == null ? "" : new String(bytes, StandardCharsets.UTF_8);
    }
}
