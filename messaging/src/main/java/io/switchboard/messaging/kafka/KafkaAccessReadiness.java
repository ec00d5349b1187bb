package io.switchboard.messaging.kafka;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.DescribeConsumerGroupsOptions;
import org.apache.kafka.clients.admin.DescribeTopicsOptions;
import org.apache.kafka.common.acl.AclOperation;
import org.apache.kafka.common.errors.AuthenticationException;
import org.apache.kafka.common.errors.AuthorizationException;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;
import org.jboss.logging.Logger;

/**
 * {@code /q/health/ready} check {@code switchboard-kafka-access}: DOWN while the service's Kafka user may not do what
 * its configuration needs: Read on each incoming channel's topic and consumer group (and Kafka Streams' topics and
 * application id), Write on each outgoing channel's topic and the dead-letter topic. SmallRye retries a consumer the
 * broker refuses without ever reporting it, so without this check a missing ACL looks healthy while nothing arrives.
 * <p>
 * The broker is asked in the background (its answers' authorized operations), at most every {@link #EVERY}; a probe
 * only reads the last answer, so readiness answers at once even while Kafka is down (which Quarkus' own Kafka check
 * reports). A broker without an authorizer names no operations: nothing to refuse.
 */
@Readiness
@ApplicationScoped
public class KafkaAccessReadiness implements HealthCheck {

    private static final Logger LOG = Logger.getLogger(KafkaAccessReadiness.class);
    static final Duration EVERY = Duration.ofSeconds(10);
    private static final Pattern CHANNEL = Pattern.compile("mp\\.messaging\\.(incoming|outgoing)\\.([^.]+)\\.topic");

    private final KafkaClientProperties kafka;
    /** Each topic and group the configuration names, with the operation it needs there. */
    private final Map<String, AclOperation> topics = new TreeMap<>();
    private final Map<String, AclOperation> groups = new TreeMap<>();
    private final AtomicBoolean checking = new AtomicBoolean();
    private volatile Map<String, String> refused = Map.of();
    private volatile Instant checked = Instant.EPOCH;
    private Admin admin;

    public KafkaAccessReadiness(KafkaClientProperties kafka, Config config) {
        this.kafka = kafka;
        for (String name : config.getPropertyNames()) {
            Matcher channel = CHANNEL.matcher(name);
            if (channel.matches() && "smallrye-kafka".equals(config.getOptionalValue("mp.messaging." + channel.group(1)
                    + "." + channel.group(2) + ".connector", String.class).orElse(null))) {
                String topic = config.getValue(name, String.class);
                if (channel.group(1).equals("incoming")) {
                    topics.put(topic, AclOperation.READ);
                    config.getOptionalValue("mp.messaging.incoming." + channel.group(2) + ".group.id", String.class)
                            .ifPresent(group -> groups.put(group, AclOperation.READ));
                } else {
                    topics.putIfAbsent(topic, AclOperation.WRITE);
                }
            }
        }
        config.getOptionalValue("switchboard.messaging.dead-letter-topic", String.class)
                .ifPresent(topic -> topics.putIfAbsent(topic, AclOperation.WRITE));
        config.getOptionalValues("quarkus.kafka-streams.topics", String.class)
                .ifPresent(names -> names.forEach(topic -> topics.put(topic, AclOperation.READ)));
        config.getOptionalValue("quarkus.kafka-streams.application-id", String.class)
                .ifPresent(group -> groups.put(group, AclOperation.READ));
    }

    @Override
    public HealthCheckResponse call() {
        if (kafka.bootstrapServers().isPresent() && Instant.now().isAfter(checked.plus(EVERY))
                && checking.compareAndSet(false, true)) {
            Thread thread = new Thread(this::check, "kafka-access-check");
            thread.setDaemon(true);
            thread.start();
        }
        Map<String, String> now = refused;
        HealthCheckResponseBuilder response = HealthCheckResponse.named("switchboard-kafka-access").status(now.isEmpty());
        now.forEach(response::withData);
        if (!checked.equals(Instant.EPOCH)) {
            response.withData("checked", checked.toString());
        }
        return response.build();
    }

    private void check() {
        try {
            Map<String, String> found = new LinkedHashMap<>();
            Admin client = admin();
            if (!topics.isEmpty()) {
                client.describeTopics(topics.keySet(), new DescribeTopicsOptions().includeAuthorizedOperations(true))
                        .topicNameValues().forEach((topic, description) -> {
                            try {
                                judge(found, "topic " + topic, topics.get(topic), description
                                        .get(5, TimeUnit.SECONDS).authorizedOperations());
                            } catch (Exception e) {
                                refusal(found, "topic " + topic, topics.get(topic), e);
                            }
                        });
            }
            if (!groups.isEmpty()) {
                client.describeConsumerGroups(groups.keySet(),
                        new DescribeConsumerGroupsOptions().includeAuthorizedOperations(true)).describedGroups()
                        .forEach((group, description) -> {
                            try {
                                judge(found, "group " + group, groups.get(group), description
                                        .get(5, TimeUnit.SECONDS).authorizedOperations());
                            } catch (Exception e) {
                                refusal(found, "group " + group, groups.get(group), e);
                            }
                        });
            }
            if (!found.equals(refused)) {
                found.forEach((what, why) -> LOG.warnf("Kafka refuses %s: %s", what, why));
            }
            refused = Map.copyOf(found);
            checked = Instant.now();
        } catch (RuntimeException e) {
            // Unreachable or misconfigured: Quarkus' Kafka check says so; try again on the next probe.
            LOG.debugf("Kafka access not checked: %s", e.toString());
        } finally {
            checking.set(false);
        }
    }

    private static void judge(Map<String, String> found, String what, AclOperation needed,
            Set<AclOperation> authorized) {
        if (authorized != null && !authorized.isEmpty() && !authorized.contains(needed)
                && !authorized.contains(AclOperation.ALL)) {
            found.put(what, "needs " + needed + ", its Kafka user may only " + authorized);
        }
    }

    // Refused even a description (Describe is part of Read and Write): the user has no right there at all.
    private static void refusal(Map<String, String> found, String what, AclOperation needed, Exception e) {
        Throwable cause = e.getCause() != null ? e.getCause() : e;
        if (cause instanceof AuthorizationException || cause instanceof AuthenticationException) {
            found.put(what, "needs " + needed + ": " + cause.getClass().getSimpleName() + ": " + cause.getMessage());
        }
    }

    private synchronized Admin admin() {
        if (admin == null) {
            admin = Admin.create(kafka.with(Map.of(AdminClientConfig.CLIENT_ID_CONFIG, "kafka-access-check",
                    AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 3000,
                    AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 5000)));
        }
        return admin;
    }

    @PreDestroy
    synchronized void close() {
        if (admin != null) {
            admin.close(Duration.ofSeconds(2));
        }
    }
}
