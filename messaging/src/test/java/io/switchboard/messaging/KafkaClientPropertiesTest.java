package io.switchboard.messaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.SmallRyeConfigBuilder;
import io.smallrye.config.EnvConfigSource;
import io.switchboard.messaging.kafka.KafkaClientProperties;

/** The security settings every self-made client gets, from properties and from environment variables alike. */
class KafkaClientPropertiesTest {

    @Test
    void securitySettingsComeFromPropertiesAndEnvironmentVariablesUnderKafkasOwnNames() {
        Map<String, String> properties = new LinkedHashMap<>();
        properties.put("kafka.bootstrap.servers", "kafka:9093");
        properties.put("kafka.security.protocol", "SASL_SSL");
        properties.put("kafka.ssl.truststore.location", "/etc/kafka/ca.p12");
        // Not security: neither copied nor leaked to the admin client or the producers.
        properties.put("kafka.request.timeout.ms", "3000");
        properties.put("kafka-streams.sasl.mechanism", "PLAIN");
        Map<String, String> environment = Map.of(
                "KAFKA_SASL_MECHANISM", "SCRAM-SHA-512",
                "KAFKA_SASL_JAAS_CONFIG", "org.apache.kafka.common.security.scram.ScramLoginModule required"
                        + " username=\"routing-service\" password=\"secret\";",
                "KAFKA_SSL_TRUSTSTORE_TYPE", "PKCS12",
                "KAFKA_SSL_ENDPOINT_IDENTIFICATION_ALGORITHM", "");
        SmallRyeConfig config = new SmallRyeConfigBuilder()
                .withSources(new PropertiesConfigSource(properties, "application.properties", 250))
                .withSources(new EnvConfigSource(environment, 300))
                .build();

        KafkaClientProperties kafka = new KafkaClientProperties(config);

        assertThat(kafka.security()).containsOnly(
                Map.entry("security.protocol", "SASL_SSL"),
                Map.entry("sasl.mechanism", "SCRAM-SHA-512"),
                Map.entry("sasl.jaas.config", environment.get("KAFKA_SASL_JAAS_CONFIG")),
                Map.entry("ssl.truststore.location", "/etc/kafka/ca.p12"),
                Map.entry("ssl.truststore.type", "PKCS12"),
                // Empty is a value here: no host name check (a broker addressed by IP).
                Map.entry("ssl.endpoint.identification.algorithm", ""));
        assertThat(kafka.connection()).containsEntry("bootstrap.servers", "kafka:9093")
                .containsEntry("sasl.mechanism", "SCRAM-SHA-512").doesNotContainKey("request.timeout.ms");
        assertThat(kafka.with(Map.of("client.id", "relay"))).containsEntry("client.id", "relay")
                .containsEntry("security.protocol", "SASL_SSL");
        assertThat(kafka.toString()).contains("SASL_SSL").doesNotContain("secret");
    }

    @Test
    void aPlaintextBrokerHasNoSecuritySettingsAndAMissingAddressFailsOnUse() {
        assertThat(KafkaClientProperties.plaintext("127.0.0.1:9092").connection())
                .containsOnly(Map.entry("bootstrap.servers", "127.0.0.1:9092"));
        assertThatThrownBy(() -> new KafkaClientProperties(Optional.empty(), Map.of()).connection())
                .hasMessageContaining("kafka.bootstrap.servers");
    }
}
