package io.switchboard.testing;

import java.time.Duration;

/**
 * A test's handle on a fault proxy that a test resource started ({@link PostgresFaultResource#network()}): cut the
 * route, blackhole it, slow it down, restore it. See {@link FaultProxy} for what each fault looks like to a client.
 */
public final class NetworkFaults {

    private final String name;

    NetworkFaults(String name) {
        this.name = name;
    }

    /** Resets every connection and refuses new ones. */
    public void cut() {
        apply("cut", 0L);
    }

    /** Passes no byte and holds new connections, so the client's timeouts fire. */
    public void blackhole() {
        apply("blackhole", 0L);
    }

    /** Delays every forwarded chunk. */
    public void slow(Duration delay) {
        apply("slow", delay.toMillis());
    }

    /** Back to normal. */
    public void restore() {
        apply("restore", 0L);
    }

    private void apply(String fault, long delayMillis) {
        JvmWide.call(SharedFaultProxies.class, "apply", name, fault, delayMillis);
    }
}
