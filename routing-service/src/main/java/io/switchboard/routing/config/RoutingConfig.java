package io.switchboard.routing.config;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Everything routing-service reads from configuration. */
@ConfigMapping(prefix = "switchboard.routing")
public interface RoutingConfig {

    /** The CloudEvent {@code source} of every event routing publishes. */
    @WithDefault("/switchboard/routing-service")
    String source();

    /** How often waiting conversations are offered again and lapsed offers swept. */
    @WithDefault("1s")
    String sweepInterval();

    /**
     * How often the outbox is read for events to publish when no commit woke the relay (the safety net; a pass goes
     * on while it finds full batches).
     */
    @WithDefault("1s")
    Duration relayInterval();

    /** How long processed input event ids are kept in {@code routing.inbox}: longer than any input topic's retention. */
    @WithDefault("P14D")
    Duration inboxRetention();

    /** Outbox rows published per relay pass. */
    @WithDefault("200")
    int relayBatchSize();

    /** Candidates listed in an explanation; the rest are counted in {@code omittedCandidates}. */
    @WithDefault("20")
    int maxExplainedCandidates();

    /**
     * How long after a resolved conversation a returning customer (same conversation key) is offered to the agent who
     * resolved it first, when that agent is eligible; else the queue decides. {@code PT0S} turns it off.
     */
    @WithDefault("PT8H")
    Duration stickyWindow();

    /** How far back a queue's service level looks: conversations answered or abandoned within it. */
    @WithDefault("PT1H")
    Duration serviceLevelWindow();

    /** The queue definition file (YAML); the module's {@code queues.yaml} when absent. See README. */
    Optional<String> queuesFile();

    /** Where a conversation waits when no queue's match rule matches it; must be defined. */
    @WithDefault("default")
    String fallbackQueue();

    /** Meta's handover protocol for Messenger and Instagram threads (docs/channels.md §3.8). */
    ThreadControl threadControl();

    interface ThreadControl {

        /**
         * Switchboard's own Meta app id: a thread passed to it is Switchboard's. Absent: every pass names another app,
         * and only threads whose messages arrive under {@code messaging[]} are offered.
         */
        Optional<String> appId();

        /**
         * The app a thread Switchboard took is passed back to when an agent resolves its conversation (the Page's
         * bot, or the Page inbox {@code 263902037430900}). Absent: Switchboard keeps the thread.
         */
        Optional<String> primaryAppId();

        /** What a customer writes to ask for a person, for queues that take control {@code on_human_request}. */
        @WithDefault("human,agent,person,representative,operator")
        List<String> humanPhrases();
    }
}
