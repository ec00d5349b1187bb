package io.switchboard.testing;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.acl.AclBinding;
import org.apache.kafka.common.acl.AclOperation;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.switchboard.devinfra.KraftBroker;
import io.switchboard.devinfra.ScramAuth;

/**
 * A broker of its own that authenticates and authorizes as production does (dev-infra's {@link ScramAuth}:
 * SCRAM-SHA-512, nothing allowed without an ACL), and the service under test configured to log in as its own user,
 * the way deploy/ configures it: {@code kafka.security.protocol}, {@code kafka.sasl.mechanism},
 * {@code kafka.sasl.jaas.config}. For a test profile that disables the global resources (the shared plaintext
 * broker) and lists this one.
 * <p>
 * Init arguments: {@code user} (the service's user), {@code topics} (created by the admin before the service starts,
 * {@code name} or {@code name:partitions}), {@code read} and {@code write} (topics the user may read or write),
 * {@code groups} (consumer groups it may use). Nothing else is granted: no topic creation, no other topic or group.
 * The test's own clients log in as the admin ({@link #admin(String)}).
 */
public final class ScramKafkaResource implements QuarkusTestResourceLifecycleManager {

    public static final String ADMIN = "admin";
    public static final String ADMIN_PASSWORD = "admin-secret";

    private Map<String, String> args = Map.of();
    private KraftBroker broker;

    @Override
    public void init(Map<String, String> initArgs) {
        args = Map.copyOf(initArgs);
    }

    @Override
    public Map<String, String> start() {
        String user = args.get("user");
        String password = user + "-secret";
        try {
            InJvmKafkaBroker.quietBrokerLogs();
            broker = KraftBroker.start(KraftBroker.Settings.ephemeral().autoCreateTopics(false)
                    .scram(new ScramAuth(ADMIN, ADMIN_PASSWORD)));
            try (Admin admin = Admin.create(broker.adminProperties())) {
                admin.createTopics(list("topics").stream().map(ScramKafkaResource::newTopic).toList()).all()
                        .get(30, TimeUnit.SECONDS);
                ScramAuth.createUser(admin, user, password);
                List<AclBinding> acls = new ArrayList<>();
                list("read").forEach(topic -> acls.addAll(ScramAuth.topic(user, topic, AclOperation.READ,
                        AclOperation.DESCRIBE)));
                list("write").forEach(topic -> acls.addAll(ScramAuth.topic(user, topic, AclOperation.WRITE,
                        AclOperation.DESCRIBE)));
                list("groups").forEach(group -> acls.addAll(ScramAuth.group(user, group)));
                ScramAuth.allow(admin, acls);
            }
        } catch (Exception e) {
            stop();
            throw new IllegalStateException("could not start the SCRAM broker", e);
        }
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

    /** The admin's client properties for a broker at {@code bootstrapServers} (the service's configured address). */
    public static Map<String, Object> admin(String bootstrapServers) {
        return ScramAuth.clientProperties(bootstrapServers, ADMIN, ADMIN_PASSWORD);
    }

    @Override
    public void stop() {
        if (broker != null) {
            broker.close();
            broker = null;
        }
    }

    private List<String> list(String name) {
        return Arrays.stream(args.getOrDefault(name, "").split(",")).map(String::trim).filter(s -> !s.isEmpty())
                .toList();
    }

    private static NewTopic newTopic(String spec) {
        String[] parts = spec.split(":");
        return new NewTopic(parts[0], parts.length > 1 ? Integer.parseInt(parts[1]) : 1, (short) 1);
    }
}
