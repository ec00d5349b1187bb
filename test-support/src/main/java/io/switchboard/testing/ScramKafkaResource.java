package io.switchboard.testing;

import java.util.Map;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
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
    private String bootstrap;

    @Override
    public void init(Map<String, String> initArgs) {
        args = Map.copyOf(initArgs);
    }

    @Override
    public Map<String, String> start() {
        // In the JVM's class loader, as the shared broker: Kafka registers its SCRAM SASL server once per JVM, and a
        // broker of an application's class loader would meet the SASL classes of the first application that ran one.
        @SuppressWarnings("unchecked")
        Map<String, String> config = (Map<String, String>) JvmWide.call(ScramKafka.class, "start",
                args.get("user"), args.getOrDefault("topics", ""), args.getOrDefault("read", ""),
                args.getOrDefault("write", ""), args.getOrDefault("groups", ""));
        bootstrap = config.get("kafka.bootstrap.servers");
        return config;
    }

    /** The admin's client properties for a broker at {@code bootstrapServers} (the service's configured address). */
    public static Map<String, Object> admin(String bootstrapServers) {
        return ScramAuth.clientProperties(bootstrapServers, ADMIN, ADMIN_PASSWORD);
    }

    @Override
    public void stop() {
        if (bootstrap != null) {
            JvmWide.call(ScramKafka.class, "stop", bootstrap);
            bootstrap = null;
        }
    }
}
