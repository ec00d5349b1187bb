package io.switchboard.outbound.config;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Everything outbound-service reads from configuration. Tokens and secrets come from the environment in production. */
@ConfigMapping(prefix = "switchboard.outbound")
public interface OutboundConfig {

    /**
     * Channel accounts by id: the WhatsApp phone number id, the Page id, the Instagram account id, the Telegram bot id or the custom source
     * id, as in the commands' {@code channelAccountId}. A command for an account not listed here fails unsent.
     */
    Map<String, Account> accounts();

    WhatsApp whatsapp();

    Messenger messenger();

    Telegram telegram();
    Sms sms();

    Window window();

    Retry retry();

    Http http();

    Receipts receipts();

    /**
     * Commands held in memory at once, all senders together (each conversation's in order); beyond it the consumer
     * stops reading. One sender alone never reaches it: its excess is parked in the database.
     */
    @WithDefault("4096")
    int maxInFlight();

    /**
     * Commands of one sender held in memory at once (paced ones included); its further commands are parked in the
     * database and read back as these finish, so one throttled sender never stops the consumer for the others.
     */
    @WithDefault("512")
    int maxInFlightPerSender();

    /**
     * Threads that make the (blocking) channel calls and database writes. A send step waits on about six round trips
     * (find, window, claim, call, record, result ack), so one sender at 1,000/s needs a few dozen steps at once.
     */
    @WithDefault("64")
    int workerThreads();

    /** Of those, how many one sender's due steps may hold at once: the rest stay free for the other senders. */
    @WithDefault("40")
    int senderWorkers();

    /**
     * The share of each sender's rate kept as margin: the bucket's burst, and what the sliding-second log holds back
     * (it admits {@code rate x (1 - headroom)} per second), for jitter between a send's admission and its arrival.
     */
    @WithDefault("0.04")
    double rateHeadroom();

    /** How long the admin endpoint waits for Kafka's acknowledgement before answering 503. */
    @WithDefault("PT5S")
    Duration adminPublishTimeout();

    interface Account {

        /** whatsapp, messenger, instagram, custom, telegram or sms. */
        String channel();

        /**
         * Graph API base URL ({@code https://graph.facebook.com}; Instagram Login: {@code https://graph.instagram.com};
         * Telegram: {@code https://api.telegram.org});
         * for custom sources, the callback URL itself.
         */
        String baseUrl();

        /** The pinned Graph API version. */
        @WithDefault("v25.0")
        String apiVersion();

        /**
         * WhatsApp system-user token, Page token, Instagram token, Telegram bot token, Twilio auth token; absent for
         * custom sources.
         */
        Optional<String> accessToken();

        /** The custom source's shared secret that signs our callbacks. */
        Optional<String> secret();

        /** The send path's node when it is not the account id (Messenger and Instagram accept {@code me}). */
        Optional<String> node();

        /** Messenger and Instagram: the app holds the Human Agent permission, so HUMAN_AGENT may be used. */
        @WithDefault("true")
        boolean humanAgentTag();

        /** Overrides the channel's default messages per second for this sender. */
        Optional<Integer> messagesPerSecond();

        /** SMS: the Twilio Account SID that owns the number (the account id is the number's E.164 digits). */
        Optional<String> accountSid();

        /** SMS: where Twilio posts the status callbacks, ingress's {@code /webhooks/twilio/{AccountSid}/status}. */
        Optional<String> statusCallback();
    }

    interface Sms {

        /** Per sending number: a US long code takes 1 message per second (toll-free and short codes more). */
        @WithDefault("1")
        int messagesPerSecond();
    }

    interface WhatsApp {

        /** Cloud API throughput per business phone number (inbound and outbound share it). */
        @WithDefault("80")
        int messagesPerSecond();

        /** Messages to one customer in a burst before the pair rate applies. */
        @WithDefault("10")
        int pairBurst();

        /** One message to the same customer per this interval, after the burst (Meta: about 1 per 6 s). */
        @WithDefault("PT6S")
        Duration pairInterval();
    }

    interface Messenger {

        /** Send API calls per second per Page or Instagram account (text, links, reactions). */
        @WithDefault("300")
        int messagesPerSecond();
    }

    interface Telegram {

        /**
         * Bot API sends per second per bot: Telegram's documented bulk limit (about 30 messages per second to
         * different chats); an account's {@code messages-per-second} overrides it.
         */
        @WithDefault("30")
        int messagesPerSecond();
    }

    interface Window {

        /** The customer service window after the customer's last message. */
        @WithDefault("PT24H")
        Duration standard();

        /** Messenger and Instagram: how long after the customer's last message a human agent may still answer. */
        @WithDefault("P7D")
        Duration humanAgent();

        /** How long before the end an open window counts as closing. */
        @WithDefault("PT1H")
        Duration closingWarning();

        /**
         * Before a reply is refused for a closed window, the window feed's unapplied inbound events are read: at most
         * this long, else the command waits and tries again rather than being refused on a guess.
         */
        @WithDefault("PT10S")
        Duration catchUpTimeout();
    }

    interface Retry {

        /** Calls per command, the first included, for transient errors. */
        @WithDefault("6")
        int maxAttempts();

        /** Calls per command for errors that are transient only sometimes (WhatsApp 1 and 131000, Graph 1 and 2). */
        @WithDefault("3")
        int maxAttemptsUncertain();

        /** First back-off of a transient error; doubles on every further attempt, with jitter. */
        @WithDefault("PT1S")
        Duration initialBackoff();

        /** First back-off of a throttling error (app or account rate limit, maintenance). */
        @WithDefault("PT30S")
        Duration throttledBackoff();

        /** First back-off of WhatsApp's pair rate limit (131056); multiplied by 4 per attempt. */
        @WithDefault("PT1S")
        Duration pairBackoff();

        @WithDefault("PT5M")
        Duration maxBackoff();

        /** A channel's {@code Retry-After} is honoured up to this, every channel: a longer one waits this long. */
        @WithDefault("PT5M")
        Duration maxRetryAfter();

        /** Wait before trying again after the database or Kafka failed. */
        @WithDefault("PT2S")
        Duration infrastructureBackoff();
    }

    interface Receipts {

        /**
         * How long a receipt for a message no delivery knows yet is kept, waiting for the send to be recorded (the
         * channel's webhook may overtake the send's answer). Receipts of messages this service never sent go then.
         */
        @WithDefault("PT10M")
        Duration pendingMaxAge();
    }

    interface Http {

        @WithDefault("PT5S")
        Duration connectTimeout();

        /** No answer within this is an unknown outcome: the channel may have sent it. */
        @WithDefault("PT10S")
        Duration readTimeout();

        /**
         * A custom source's answer is read up to this many bytes (64 KiB); a longer one is an invalid answer, a
         * permanent failure, never buffered whole.
         */
        @WithDefault("65536")
        int maxAnswerBytes();
    }
}
