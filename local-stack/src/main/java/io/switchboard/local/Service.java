package io.switchboard.local;

import java.nio.file.Path;
import java.util.Map;

/**
 * A Switchboard service as the local stack runs it: its module, its HTTP port, the database it needs (null: none)
 * and the environment it gets besides Kafka and the port.
 */
record Service(String name, String module, int defaultPort, String database, Map<String, String> env, String note) {

    Path jar(Path checkout) {
        return checkout.resolve(module).resolve("target").resolve("quarkus-app").resolve("quarkus-run.jar");
    }

    int port() {
        return Integer.parseInt(LocalStack.setting("switchboard.local." + name + "-port", Integer.toString(defaultPort)));
    }

    /** Health and metrics: the packaged service serves them on a port of their own (its default: HTTP port + 1000). */
    int managementPort() {
        return Integer.parseInt(LocalStack.setting("switchboard.local." + name + "-management-port",
                Integer.toString(defaultPort + 1000)));
    }
}
