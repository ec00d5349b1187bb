package io.switchboard.testing;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.acl.AclBinding;
import org.apache.kafka.common.acl.AclOperation;

import io.switchboard.devinfra.KraftBroker;
import io.switchboard.devinfra.ScramAuth;

/**
 * The SCRAM brokers of {@link ScramKafkaResource}, held in the system class loader ({@link JvmWide}): methods take and
 * return JDK types only.
 */
final class ScramKafka {

    private static final Map<String, KraftBroker> BROKERS = new ConcurrentHashMap<>();

    private ScramKafka() {
    }

    /** Starts a broker, creates the topics, the user and its ACLs; returns the service's Kafka configuration. */
    static Map<String, String> start(String user, String topics, String read, String write, String groups) {
        String password = user + "-secret";
        KraftBroker broker = null;
        try {
            InJvmKafkaBroker.quietBrokerLogs();
            broker = KraftBroker.start(KraftBroker.Settings.ephemeral().autoCreateTopics(false)
                    .scram(new ScramAuth(ScramKafkaResource.ADMIN, ScramKafkaResource.ADMIN_PASSWORD)));
            try (Admin admin = Admin.create(broker.adminProperties())) {
                admin.createTopics(list(topics).stream().map(ScramKafka::newTopic).toList()).all()
                        .get(30, TimeUnit.SECONDS);
                ScramAuth.createUser(admin, user, password);
                List<AclBinding> acls = new ArrayList<>();
                list(read).forEach(topic -> acls.addAll(ScramAuth.topic(user, topic, AclOperation.READ,
                        AclOperation.DESCRIBE)));
                list(write).forEach(topic -> acls.addAll(ScramAuth.topic(user, topic, AclOperation.WRITE,
                        AclOperation.DESCRIBE)));
                list(groups).forEach(group -> acls.addAll(ScramAuth.group(user, group)));
                ScramAuth.allow(admin, acls);
            }
        } catch (Exception e) {
            if (broker != null) {
                broker.close();
            }
            throw new IllegalStateException("could not start the SCRAM broker", e);
        }
        BROKERS.put(broker.bootstrapServers(), broker);
        Map<String, String> config = new LinkedHashMap<>();
        config.put("kafka.bootstrap.servers", broker.bootstrapServers());
        config.put("quarkus.kafka-streams.bootstrap-servers", broker.bootstrapServers());
        ScramAuth.clientProperties(broker.bootstrapServers(), user, password).forEach((key, value) -> {
            if (!key.equals("bootstrap.servers")) {
                config.put("kafka." + key, value.toString());
            }
        });
        // As in production: the platform owns the topics, the service may not create any.
        config.put("switchboard.messaging.topics.create", "false");
        config.put("quarkus.kafka.devservices.enabled", "false");
        return config;
    }

    static void stop(String bootstrap) {
        KraftBroker broker = BROKERS.remove(bootstrap);
        if (broker != null) {
            broker.close();
        }
    }

    private static List<String> list(String names) {
        return Arrays.stream(names.split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList();
    }

    private static NewTopic newTopic(String spec) {
        String[] parts = spec.split(":");
        return new NewTopic(parts[0], parts.length > 1 ? Integer.parseInt(parts[1]) : 1, (short) 1);
    }
}
