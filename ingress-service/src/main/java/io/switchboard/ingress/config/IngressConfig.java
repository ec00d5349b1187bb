package io.switchboard.ingress.config;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Everything ingress-service reads from configuration. Secrets come from the environment in production. */
@ConfigMapping(prefix = "switchboard.ingress")
public interface IngressConfig {

    Meta meta();

    Custom custom();

    Telegram telegram();
    Twilio twilio();

    /** How long a webhook waits for Kafka's acknowledgement before it is answered 503. */
    @WithDefault("PT5S")
    Duration ackTimeout();

    /** The {@code Retry-After} seconds sent with a 503. */
    @WithDefault("5")
    int retryAfterSeconds();

    /** How long a normalized event id is remembered: at least the longest channel retry horizon (WhatsApp, 7 days). */
    @WithDefault("P8D")
    Duration dedupeHorizon();

    Replay replay();

    /** Operators' replays of the raw archive (replay.Replays, {@code POST /admin/replays}). */
    interface Replay {

        /** The longest time range one replay may cover (the raw topic keeps 30 days). */
        @WithDefault("P30D")
        Duration maxSpan();

        /**
         * How far inside the dedupe horizon a replay's {@code from} must be: what is published is recognised by
         * its event id only while the id is in the event-ids store, so older ranges are refused.
         */
        @WithDefault("PT1H")
        Duration horizonMargin();

        /** How many finished replays' statuses this replica keeps. */
        @WithDefault("50")
        int keepFinished();

        /** Wait for the normalization to run (its event-ids store is what a replay checks against). */
        @WithDefault("PT30S")
        Duration storeWait();
    }

    /** Meta apps (WhatsApp, Messenger, Instagram): each app signs with its own secret. */
    interface Meta {

        /** App secret of the default app, served at {@code /webhooks/meta}. */
        Optional<String> appSecret();

        /** Verify token of the default app, echoed back by the subscription handshake. */
        Optional<String> verifyToken();

        /** Further apps by name, served at {@code /webhooks/meta/{name}}. */
        Map<String, App> apps();

        interface App {
            /** The app secret that signs this app's webhooks. */
            String appSecret();

            /** The verify token configured in this app's dashboard. */
            String verifyToken();
        }
    }

    /** Custom sources (the Source SDK protocol, see docs/custom-source.md). */
    interface Custom {

        /** Sources by id, served at {@code /webhooks/custom/{id}}. */
        Map<String, Source> sources();

        /** Signed timestamps further than this from our clock are refused (replay protection). */
        @WithDefault("PT5M")
        Duration maxClockSkew();

        /**
         * How long an accepted (source, {@code Idempotency-Key}) is remembered with its body's digest: a repeat is
         * answered as the first time and stored nowhere, another body under the key is refused 409. Kept in the
         * normalization's state store (changelog-backed: survives restarts), so bounded by this horizon.
         */
        @WithDefault("P1D")
        Duration idempotencyHorizon();

        /**
         * How long this replica keeps an accepted request in memory, covering the moment until the normalization
         * has stored it (and concurrent repeats); bounded further by {@link #replayMemoryEntries()}.
         */
        @WithDefault("PT5M")
        Duration replayMemory();

        @WithDefault("100000")
        int replayMemoryEntries();

        /** Requests per second a source may send (per replica) unless it sets its own; over it: 429. */
        @WithDefault("50")
        double ratePerSecond();

        /** Requests a source may send at once above its rate, unless it sets its own. */
        @WithDefault("100")
        int rateBurst();

        interface Source {
            /** The shared secret of the source's HMAC signatures, both directions. */
            String secret();

            /** This source's own request rate (per second, per replica). */
            Optional<Double> ratePerSecond();

            /** This source's own burst. */
            Optional<Integer> rateBurst();
        }
    }

    /** Telegram bots (Bot API webhooks, docs/channels.md §5). */
    interface Telegram {

        /** Bots by id (the number before the colon of the bot token), served at {@code /webhooks/telegram/{id}}. */
        Map<String, Bot> bots();

        interface Bot {
            /** The {@code secret_token} given to {@code setWebhook}: 1–256 of {@code A-Z a-z 0-9 _ -}. */
            String secretToken();
        }
    }

    /** Twilio accounts (SMS and MMS, docs/channels.md §6), served at {@code /webhooks/twilio/{accountSid}}. */
    interface Twilio {

        /**
         * The scheme, host and port Twilio calls, e.g. {@code https://ingress.example.com}: the signature covers
         * the URL Twilio requested, which behind a proxy is not the one this service sees. Absent: the request's own.
         */
        Optional<String> publicBaseUrl();

        /** Accounts by Account SID (matched ignoring case: environment variable names lose it). */
        Map<String, Account> accounts();

        interface Account {
            /** The account's auth token, the key of {@code X-Twilio-Signature}. */
            String authToken();
        }
    }
}
