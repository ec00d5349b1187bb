package io.switchboard.agent.config;

import java.time.Duration;
import java.util.Map;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Everything agent-service reads from configuration. Keys and endpoints for production come from the environment. */
@ConfigMapping(prefix = "switchboard.agent")
public interface AgentConfig {

    /** The CloudEvent source of every event agent-service publishes. */
    @WithDefault("/switchboard/agent-service")
    String source();

    /** How long an agent stays online without a heartbeat before the sweep sets them offline. */
    @WithDefault("PT60S")
    Duration heartbeatGrace();

    /** Wrap-up after a resolved conversation, by channel wire name; channels not listed use {@link #wrapUpDefault()}. */
    Map<String, Duration> wrapUp();

    /** Wrap-up for channels that {@link #wrapUp()} does not list. */
    @WithDefault("PT60S")
    Duration wrapUpDefault();

    /** Offers in a row that may lapse unanswered before the agent is set away with reason {@code missed_offers}. */
    @WithDefault("3")
    int missedOffersBeforeAway();

    /** How often presence is swept (heartbeat loss, wrap-up end); also the {@code @Scheduled} interval. */
    @WithDefault("5s")
    String sweepInterval();

    /** How often the outbox relay looks for unpublished events; also the {@code @Scheduled} interval. */
    @WithDefault("1s")
    String outboxInterval();

    /** Outbox rows published per relay run. */
    @WithDefault("200")
    int outboxBatch();

    /** The reply window of a channel: free text and media need a customer message within it. */
    default Duration replyWindow(String channel) {
        // WhatsApp: 24 h customer-service window; Messenger and Instagram: 7 days with the HUMAN_AGENT tag.
        if ("whatsapp".equals(channel)) {
            return Duration.ofHours(24);
        }
        return "custom".equals(channel) ? Duration.ofDays(36500) : Duration.ofDays(7);
    }

    default Duration wrapUpFor(String channel) {
        return wrapUp().getOrDefault(channel, wrapUpDefault());
    }
}
