package io.switchboard.messaging.kafka;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Function;

import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import org.apache.kafka.clients.CommonClientConfigs;
import org.eclipse.microprofile.config.Config;

/**
 * How every Kafka client a service creates itself (outbox relays, dead letters, the topic bootstrap's admin client,
 * outbound's window catch-up) reaches the broker: {@code kafka.bootstrap.servers} and the security settings
 * {@code kafka.security.protocol}, {@code kafka.sasl.*} and {@code kafka.ssl.*}. They are read the way Quarkus reads
 * {@code kafka.*} for SmallRye's channels, the Kafka health check and Kafka Streams (its {@code default-kafka-broker}
 * map): a property or an environment variable ({@code KAFKA_SASL_JAAS_CONFIG} is {@code sasl.jaas.config}), so one
 * set of variables (docs/security.md) authenticates every client of the service alike.
 */
@Singleton
public final class KafkaClientProperties {

    private static final String PREFIX = "kafka";

    private final Optional<String> bootstrapServers;
    private final Map<String, String> security;

    @Inject
    public KafkaClientProperties(Config config) {
        this(config.getOptionalValue("kafka.bootstrap.servers", String.class),
                security(config.getPropertyNames(), name -> config.getOptionalValue(name, String.class)));
    }

    /** For code without CDI (tests, tools): the broker and its security settings, already in Kafka's names. */
    public KafkaClientProperties(Optional<String> bootstrapServers, Map<String, String> security) {
        this.bootstrapServers = bootstrapServers;
        this.security = Map.copyOf(security);
    }

    /** A broker without authentication, as in dev and most tests. */
    public static KafkaClientProperties plaintext(String bootstrapServers) {
        return new KafkaClientProperties(Optional.of(bootstrapServers), Map.of());
    }

    /**
     * The security settings among {@code names}, under Kafka's own names: {@code kafka.} (or {@code KAFKA_}) dropped,
     * lower case, {@code _} read as {@code .}, exactly as Quarkus builds the map its Kafka clients share.
     */
    static Map<String, String> security(Iterable<String> names, Function<String, Optional<String>> value) {
        Map<String, String> found = new TreeMap<>();
        for (String name : names) {
            String lower = name.toLowerCase(Locale.ROOT);
            if (lower.length() <= PREFIX.length() + 1 || !lower.startsWith(PREFIX)
                    || (lower.charAt(PREFIX.length()) != '.' && lower.charAt(PREFIX.length()) != '_')) {
                continue;
            }
            String key = lower.substring(PREFIX.length() + 1).replace('_', '.');
            if (isSecurity(key)) {
                // An empty value stays, as in Quarkus's map: ssl.endpoint.identification.algorithm= turns the check off.
                found.put(key, value.apply(name).orElse(""));
            }
        }
        return found;
    }

    private static boolean isSecurity(String key) {
        return key.equals(CommonClientConfigs.SECURITY_PROTOCOL_CONFIG) || key.startsWith("sasl.")
                || key.startsWith("ssl.");
    }

    public Optional<String> bootstrapServers() {
        return bootstrapServers;
    }

    /** {@code security.protocol}, {@code sasl.*}, {@code ssl.*}: empty for a plaintext broker. */
    public Map<String, String> security() {
        return security;
    }

    /** The properties every client starts from: the broker's address and the security settings. */
    public Map<String, Object> connection() {
        Map<String, Object> properties = new LinkedHashMap<>(security);
        properties.put(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers.orElseThrow(
                () -> new IllegalStateException("kafka.bootstrap.servers is not set")));
        return properties;
    }

    /** {@link #connection()} with a client's own settings on top. */
    public Map<String, Object> with(Map<String, ?> clientSettings) {
        Map<String, Object> properties = connection();
        properties.putAll(clientSettings);
        return properties;
    }

    // The JAAS config holds a password: never in a log line.
    @Override
    public String toString() {
        return "Kafka at " + bootstrapServers.orElse("(unset)") + ", "
                + security.getOrDefault(CommonClientConfigs.SECURITY_PROTOCOL_CONFIG, "PLAINTEXT");
    }
}
