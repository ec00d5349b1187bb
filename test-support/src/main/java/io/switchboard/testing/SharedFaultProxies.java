package io.switchboard.testing;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

/**
 * The JVM's named fault proxies, reached through {@link JvmWide} (JDK types in and out) so that a test class and the
 * test resource that started its proxy see the same one whatever class loader Quarkus gave each.
 */
final class SharedFaultProxies {

    private static final Map<String, FaultProxy> PROXIES = new HashMap<>();

    private SharedFaultProxies() {
    }

    /** Starts (or returns the running) proxy of that name to {@code host:port}; returns its loopback port. */
    static synchronized Integer start(String name, String host, Integer port) {
        FaultProxy proxy = PROXIES.get(name);
        if (proxy == null) {
            proxy = FaultProxy.start(host, port);
            PROXIES.put(name, proxy);
        }
        return proxy.port();
    }

    static synchronized void apply(String name, String fault, Long delayMillis) {
        FaultProxy proxy = PROXIES.get(name);
        if (proxy == null) {
            throw new IllegalStateException("No fault proxy named " + name + " was started in this JVM");
        }
        switch (fault) {
            case "cut" -> proxy.cut();
            case "blackhole" -> proxy.blackhole();
            case "slow" -> proxy.slow(Duration.ofMillis(delayMillis));
            case "restore" -> proxy.restore();
            default -> throw new IllegalArgumentException("Unknown fault " + fault);
        }
    }
}
