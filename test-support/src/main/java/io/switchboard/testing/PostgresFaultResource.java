package io.switchboard.testing;

import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Map;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * The JVM's test database ({@link PostgresResource}) reached through a {@link FaultProxy}, so a test can cut,
 * blackhole or slow down the service's route to PostgreSQL while traffic flows:
 * <pre>
 * &#64;QuarkusTestResource(value = PostgresFaultResource.class, restrictToAnnotatedClass = true)
 * ...
 * PostgresFaultResource.network().cut();
 * </pre>
 * Both the reactive and the JDBC URL (Flyway, Agroal) go through the proxy. The test's own JDBC checks can use
 * {@link PostgresResource#datasourceConfig()}, which reaches the database directly.
 */
public final class PostgresFaultResource implements QuarkusTestResourceLifecycleManager {

    private static final String NAME = "postgres";

    @Override
    public Map<String, String> start() {
        Map<String, String> direct = PostgresResource.datasourceConfig();
        URI target = URI.create(direct.get("quarkus.datasource.reactive.url"));
        String host = target.getHost().replace("[", "").replace("]", "");
        int port = (Integer) JvmWide.call(SharedFaultProxies.class, "start", NAME, host, target.getPort());
        Map<String, String> config = new LinkedHashMap<>(direct);
        String proxied = "postgresql://127.0.0.1:" + port + target.getPath();
        config.put("quarkus.datasource.reactive.url", proxied);
        config.put("quarkus.datasource.jdbc.url", "jdbc:" + proxied);
        return config;
    }

    /** The proxy keeps running for the next test class; a restore leaves it transparent. */
    @Override
    public void stop() {
        network().restore();
    }

    /** The route between the service and PostgreSQL. */
    public static NetworkFaults network() {
        return new NetworkFaults(NAME);
    }
}
