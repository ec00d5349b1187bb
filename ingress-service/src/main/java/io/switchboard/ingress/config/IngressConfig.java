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

    /** How long a webhook waits for Kafka's acknowledgement before it is answered 503. */
    @WithDefault("PT5S")
    Duration ackTimeout();

    /** The {@code Retry-After} seconds sent with a 503. */
    @WithDefault("5")
    int retryAfterSeconds();

    /** How long a normalized event id is remembered: at least the longest channel retry horizon (WhatsApp, 7 days). */
    @WithDefault("P8D")
    Duration dedupeHorizon();

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

        interface Source {
            /** The shared secret of the source's HMAC signatures, both directions. */
            String secret();
        }
    }
}
