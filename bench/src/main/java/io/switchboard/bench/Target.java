package io.switchboard.bench;

import java.util.concurrent.atomic.AtomicLong;

/**
 * An endpoint under load and the topic its records land on, with what it answered over the whole run (warm-ups and
 * probes included): the record check compares these with the topic.
 */
final class Target {

    final String name;
    final int port;
    final String path;
    final String topic;
    /** Answered 2xx: each must be on the topic. */
    final AtomicLong acknowledged = new AtomicLong();
    /** Answered non-2xx or not at all: each may or may not be on the topic (e.g. an ack that came after a 503). */
    final AtomicLong uncertain = new AtomicLong();

    Target(String name, int port, String path, String topic) {
        this.name = name;
        this.port = port;
        this.path = path;
        this.topic = topic;
    }
}
