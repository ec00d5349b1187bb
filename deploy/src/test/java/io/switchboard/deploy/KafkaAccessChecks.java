package io.switchboard.deploy;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Kafka authentication and authorization (docs/security.md, "Kafka"): the listener wants a SCRAM-SHA-512 login and
 * authorizes by ACLs; each service logs in as its own KafkaUser, whose ACLs are exactly what its configuration reads
 * and writes ({@link ServiceConfig#reads()}, {@link ServiceConfig#writes()}, {@link ServiceConfig#groups()}); no other
 * user may read or write anything. Each check returns the problems it found, empty when all is well.
 */
final class KafkaAccessChecks {

    private static final String SCRAM = "scram-sha-512";
    /** What Strimzi's User Operator writes to the Secret of a SCRAM-SHA-512 KafkaUser (named after the user). */
    private static final Set<String> USER_SECRET_KEYS = Set.of("password", "sasl.jaas.config");

    private KafkaAccessChecks() {
    }

    /** Whether {@code key} of Secret {@code name} is one the User Operator writes for a KafkaUser of that name. */
    static boolean userOperatorWrites(Cluster cluster, String name, String key) {
        return USER_SECRET_KEYS.contains(key) && cluster.find("KafkaUser", name)
                .filter(user -> SCRAM.equals(user.at("/spec/authentication/type").asText())).isPresent();
    }

    /** Every listener wants SCRAM-SHA-512, the cluster authorizes by ACLs, and the User Operator runs. */
    static List<String> listener(Cluster cluster) {
        List<String> problems = new ArrayList<>();
        for (ObjectNode kafka : cluster.ofKind("Kafka")) {
            String name = Cluster.name(kafka);
            for (JsonNode listener : kafka.at("/spec/kafka/listeners")) {
                if (!SCRAM.equals(listener.at("/authentication/type").asText())) {
                    problems.add("Kafka " + name + ": listener " + listener.path("name").asText()
                            + " does not require " + SCRAM + " authentication");
                }
            }
            if (!"simple".equals(kafka.at("/spec/kafka/authorization/type").asText())) {
                problems.add("Kafka " + name + ": authorization is not type simple (ACLs)");
            }
            if (!kafka.at("/spec/entityOperator").has("userOperator")) {
                problems.add("Kafka " + name + ": no userOperator, so no KafkaUser becomes a user");
            }
        }
        return problems;
    }

    /**
     * Each Kafka service has a KafkaUser of its name (SCRAM-SHA-512, simple authorization) whose ACLs allow exactly its
     * topics (Read where it reads, Write where it writes, Describe on both) and consumer groups; the one prefix allowed
     * is a Kafka Streams application's own (internal topics, transactional ids). Users that are not a service's may
     * only describe.
     */
    static List<String> acls(Cluster cluster, List<ServiceConfig> services) {
        List<String> problems = new ArrayList<>();
        Set<String> serviceUsers = new LinkedHashSet<>();
        for (ServiceConfig service : services) {
            if (!service.usesKafka()) {
                continue;
            }
            serviceUsers.add(service.name());
            Optional<ObjectNode> user = cluster.find("KafkaUser", service.name());
            if (user.isEmpty()) {
                problems.add(service.name() + ": no KafkaUser " + service.name());
                continue;
            }
            problems.addAll(serviceAcls(service, user.get()).stream().map(p -> "KafkaUser " + service.name() + ": " + p)
                    .toList());
        }
        for (ObjectNode user : cluster.ofKind("KafkaUser")) {
            String name = Cluster.name(user);
            String cluster0 = cluster.ofKind("Kafka").stream().map(Cluster::name).findFirst().orElse("<no Kafka>");
            if (!cluster0.equals(user.at("/metadata/labels/strimzi.io~1cluster").asText())) {
                problems.add("KafkaUser " + name + " does not belong to Kafka cluster " + cluster0);
            }
            if (!SCRAM.equals(user.at("/spec/authentication/type").asText())
                    || !"simple".equals(user.at("/spec/authorization/type").asText())) {
                problems.add("KafkaUser " + name + ": not " + SCRAM + " with simple authorization");
            }
            if (!serviceUsers.contains(name)) {
                for (JsonNode acl : user.at("/spec/authorization/acls")) {
                    for (JsonNode operation : acl.path("operations")) {
                        if (!operation.asText().equals("Describe")) {
                            problems.add("KafkaUser " + name + " is no service's and may " + operation.asText() + " "
                                    + acl.at("/resource/name").asText());
                        }
                    }
                }
            }
        }
        return problems;
    }

    private static List<String> serviceAcls(ServiceConfig service, ObjectNode user) {
        List<String> problems = new ArrayList<>();
        Map<String, Set<String>> topics = new LinkedHashMap<>();
        Map<String, Set<String>> groups = new LinkedHashMap<>();
        String streams = service.properties().get("quarkus.kafka-streams.application-id");
        for (JsonNode acl : user.at("/spec/authorization/acls")) {
            String type = acl.at("/resource/type").asText();
            String name = acl.at("/resource/name").asText();
            boolean literal = acl.at("/resource/patternType").asText("literal").equals("literal");
            Set<String> operations = new LinkedHashSet<>();
            acl.path("operations").forEach(operation -> operations.add(operation.asText()));
            if (!acl.path("type").asText("allow").equals("allow")) {
                continue;
            }
            if (literal && type.equals("topic")) {
                topics.computeIfAbsent(name, n -> new LinkedHashSet<>()).addAll(operations);
            } else if (literal && type.equals("group")) {
                groups.computeIfAbsent(name, n -> new LinkedHashSet<>()).addAll(operations);
            } else if (!(streams != null && isStreamsPrefix(streams, type, name, literal))) {
                problems.add("allows " + operations + " on " + type + " " + name + (literal ? "" : "*")
                        + ", which is no topic or group of its configuration");
            }
        }
        Set<String> named = new LinkedHashSet<>(service.reads());
        named.addAll(service.writes());
        for (String topic : named) {
            Set<String> operations = topics.getOrDefault(topic, Set.of());
            expect(problems, topic, operations, "Describe", true);
            expect(problems, topic, operations, "Read", service.reads().contains(topic));
            expect(problems, topic, operations, "Write", service.writes().contains(topic));
        }
        topics.forEach((topic, operations) -> {
            if (!named.contains(topic)) {
                problems.add("allows " + operations + " on topic " + topic + ", which its configuration never names");
            }
            operations.stream().filter(operation -> !Set.of("Read", "Write", "Describe").contains(operation))
                    .forEach(operation -> problems.add("allows " + operation + " on topic " + topic));
        });
        for (String group : service.groups()) {
            if (!groups.getOrDefault(group, Set.of()).contains("Read")) {
                problems.add("may not use its consumer group " + group + " (Read on the group)");
            }
        }
        groups.forEach((group, operations) -> {
            if (!service.groups().contains(group)) {
                problems.add("allows " + operations + " on group " + group + ", which it does not use");
            }
        });
        return problems;
    }

    private static void expect(List<String> problems, String topic, Set<String> operations, String operation,
            boolean wanted) {
        if (wanted && !operations.contains(operation)) {
            problems.add("may not " + operation + " topic " + topic + ", which its configuration names");
        } else if (!wanted && operations.contains(operation)) {
            problems.add("may " + operation + " topic " + topic + ", which its configuration does not "
                    + operation.toLowerCase());
        }
    }

    // Kafka Streams names its internal topics "<application id>-…" and its transactional ids "<application id>-…".
    private static boolean isStreamsPrefix(String applicationId, String type, String name, boolean literal) {
        return !literal && ((type.equals("topic") && name.equals(applicationId + "-"))
                || (type.equals("transactionalId") && name.equals(applicationId)));
    }

    /**
     * Each Kafka service's container logs in as its KafkaUser: the SASL protocol of the listener it uses, SCRAM-SHA-512,
     * and the JAAS login from the Secret the User Operator writes for that user.
     */
    static List<String> credentials(Cluster cluster, List<ServiceConfig> services) {
        List<String> problems = new ArrayList<>();
        for (ServiceConfig service : services) {
            Optional<ObjectNode> deployment = cluster.find("Deployment", service.name());
            if (!service.usesKafka() || deployment.isEmpty()) {
                continue;
            }
            Map<String, String> env = ConsistencyChecks.env(cluster, service.name());
            String protocol = tlsListener(cluster) ? "SASL_SSL" : "SASL_PLAINTEXT";
            if (!protocol.equals(env.get("KAFKA_SECURITY_PROTOCOL"))) {
                problems.add(service.name() + ": KAFKA_SECURITY_PROTOCOL is " + env.get("KAFKA_SECURITY_PROTOCOL")
                        + ", the listener wants " + protocol);
            }
            if (!"SCRAM-SHA-512".equals(env.get("KAFKA_SASL_MECHANISM"))) {
                problems.add(service.name() + ": KAFKA_SASL_MECHANISM is not SCRAM-SHA-512");
            }
            JsonNode jaas = null;
            for (JsonNode variable : ConsistencyChecks.container(deployment.get(), service.name()).path("env")) {
                if (variable.path("name").asText().equals("KAFKA_SASL_JAAS_CONFIG")) {
                    jaas = variable.at("/valueFrom/secretKeyRef");
                }
            }
            if (jaas == null || !service.name().equals(jaas.path("name").asText())
                    || !"sasl.jaas.config".equals(jaas.path("key").asText())) {
                problems.add(service.name() + ": KAFKA_SASL_JAAS_CONFIG is not key sasl.jaas.config of the Secret of"
                        + " KafkaUser " + service.name());
            }
        }
        return problems;
    }

    // The internal listener the services' bootstrap address names (ConsistencyChecks.endpoints checks that).
    private static boolean tlsListener(Cluster cluster) {
        for (ObjectNode kafka : cluster.ofKind("Kafka")) {
            for (JsonNode listener : kafka.at("/spec/kafka/listeners")) {
                if (listener.path("type").asText().equals("internal")) {
                    return listener.path("tls").asBoolean();
                }
            }
        }
        return false;
    }
}
