package io.switchboard.agent.config;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

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

    /**
     * The outbox relay's safety-net pass, for a missed notification: a commit wakes the relay at once (the outbox
     * trigger's NOTIFY, and this replica's own wake-up after a request).
     */
    @WithDefault("PT10S")
    Duration outboxInterval();

    /** Outbox rows published per relay transaction. */
    @WithDefault("200")
    int outboxBatch();

    /**
     * How long consumed event ids are kept in the inbox: longer than any redelivery (the input topics' retention
     * and a consumer group's offset reset), after which a redelivered event would apply again.
     */
    @WithDefault("P14D")
    Duration inboxRetention();

    /** How long an action's Idempotency-Key is remembered: a retry after that is a new action. */
    @WithDefault("P7D")
    Duration idempotencyRetention();

    /**
     * How long an action waits for a still running request with its Idempotency-Key (a double click) to finish,
     * to answer as that one did; after it, a 409 {@code idempotency_in_progress}. Zero waits as long as it runs.
     */
    @WithDefault("PT5S")
    Duration idempotencyWait();

    /** The reply window of a channel: free text and media need a customer message within it. */
    default Duration replyWindow(String channel) {
        // WhatsApp: 24 h customer-service window; Messenger and Instagram: 7 days with the HUMAN_AGENT tag.
        if ("whatsapp".equals(channel)) {
            return Duration.ofHours(24);
        }
        // Custom sources, Telegram (a bot may write to any chat that has not blocked it) and SMS have no window.
        return "custom".equals(channel) || "telegram".equals(channel) || "sms".equals(channel) ? Duration.ofDays(36500)
                : Duration.ofDays(7);
    }

    default Duration wrapUpFor(String channel) {
        return wrapUp().getOrDefault(channel, wrapUpDefault());
    }

    /** Who a bearer token names. */
    Auth auth();

    interface Auth {

        /**
         * The claim that holds the agent id, for an identity provider whose subject is not the agent id (say
         * {@code agent_id}). Unset: the agent is the token's subject, and no claim can override it.
         */
        Optional<String> agentIdClaim();
    }

    /** Browser front ends served from another origin (docs/security.md, CORS). */
    Cors cors();

    interface Cors {

        /**
         * The origins whose pages may call the API ({@code https://agents.example.com}); unset: none. Read by
         * {@code quarkus.http.cors.origins} (application.properties), declared here so the key is known.
         */
        Optional<List<String>> origins();
    }

    /**
     * Channel accounts whose customers' media agents may open, by account id (WhatsApp phone number id, Page id,
     * Instagram account id), the same keys as outbound-service's {@code switchboard.outbound.accounts}. WhatsApp
     * media is fetched through the Graph API with the account's token; an account not listed has no WhatsApp media.
     */
    Map<String, Account> accounts();

    interface Account {

        /** whatsapp, messenger, instagram, custom, telegram or sms. */
        String channel();

        /** Graph API base URL ({@code https://graph.facebook.com}). */
        @WithDefault("https://graph.facebook.com")
        String baseUrl();

        /** The pinned Graph API version. */
        @WithDefault("v25.0")
        String apiVersion();

        /** WhatsApp system-user token (needed for WhatsApp media); absent for the others. */
        Optional<String> accessToken();
    }

    /** Streaming customers' media to agents (docs/agent-api.md, Media). */
    Media media();

    interface Media {

        /** The largest file streamed; a larger one is refused with 502 {@code media_too_large}. */
        @WithDefault("104857600")
        long maxBytes();

        /** Connecting to the Graph API or the media host. */
        @WithDefault("PT5S")
        Duration connectTimeout();

        /** Waiting for the Graph API's or the media host's answer (its headers). */
        @WithDefault("PT30S")
        Duration readTimeout();
    }

    /** Customer erasure (docs/privacy.md, Erasure). */
    Erasure erasure();

    interface Erasure {

        /**
         * The services that answer an erasure request ({@code ErasureCompleted.service}); an erasure is done once
         * each has. agent-service's own part is done in the request's transaction.
         */
        @WithDefault("agent-service,routing-service,outbound-service")
        List<String> services();
    }
}
