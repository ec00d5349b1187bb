package io.switchboard.routing.config;

import java.time.Duration;
import java.util.Map;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Everything routing-service reads from configuration. */
@ConfigMapping(prefix = "switchboard.routing")
public interface RoutingConfig {

    /** The CloudEvent {@code source} of every event routing publishes. */
    @WithDefault("/switchboard/routing-service")
    String source();

    /** Create the topics at start-up (dev and test); in production the platform (Strimzi) owns them. */
    @WithDefault("true")
    boolean createTopics();

    /** Partitions of the topics created at start-up. */
    @WithDefault("3")
    int topicPartitions();

    /** How long an agent has to answer an offer before it lapses and the next agent is tried. */
    @WithDefault("PT30S")
    Duration offerTimeout();

    /** How often waiting conversations are offered again and lapsed offers swept. */
    @WithDefault("1s")
    String sweepInterval();

    /** How often the outbox is read for events to publish (a pass goes on while it finds full batches). */
    @WithDefault("1s")
    String relayInterval();

    /** Outbox rows published per relay pass. */
    @WithDefault("200")
    int relayBatchSize();

    /** Candidates listed in an explanation; the rest are counted in {@code omittedCandidates}. */
    @WithDefault("20")
    int maxExplainedCandidates();

    /** The one queue every conversation waits in (queues as data with match rules are not built yet). */
    Queue queue();

    interface Queue {

        /** The queue's id, as events name it. */
        @WithDefault("default")
        String id();

        /** The version of the queue's rules, carried by every explanation. */
        @WithDefault("1")
        long ruleVersion();

        /** Priority of the conversations it holds (higher is served first). */
        @WithDefault("0")
        int priority();

        /** Skills an agent needs, with the minimum proficiency (1–5); none by default. */
        Map<String, Integer> requiredSkills();

        /** How the eligible agent is chosen; only {@code longest_idle} exists yet. */
        @WithDefault("longest_idle")
        String strategy();

        /** Assign at once, without an offer the agent must accept. */
        @WithDefault("false")
        boolean directAssignment();
    }
}
