package io.switchboard.routing.queue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.interceptor.Interceptor;

import org.jboss.logging.Logger;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;

import io.quarkus.runtime.StartupEvent;
import io.switchboard.routing.config.RoutingConfig;

/**
 * Loads the queue definition file at start ({@code switchboard.routing.queues-file}, else the module's
 * {@code queues.yaml}): a queue whose definition differs from the last one loaded from the file gets a new version.
 * A file that does not validate stops the start with the reason.
 */
@ApplicationScoped
public class QueueFile {

    private static final Logger LOG = Logger.getLogger(QueueFile.class);
    private static final ObjectMapper YAML = QueueCatalog.configure(new ObjectMapper(new YAMLFactory()));

    private final QueueCatalog catalog;
    private final RoutingConfig config;

    public QueueFile(QueueCatalog catalog, RoutingConfig config) {
        this.catalog = catalog;
        this.config = config;
    }

    /** The file's shape: {@code queues:} followed by the definitions. */
    record Queues(List<QueueDefinition> queues) {
    }

    // After the schema (PLATFORM_BEFORE), before the Kafka consumers take their first record.
    void onStart(@Observes @Priority(Interceptor.Priority.PLATFORM_BEFORE + 1) StartupEvent event) throws IOException {
        List<QueueDefinition> queues = read();
        Set<String> ids = queues.stream().map(QueueDefinition::id).collect(Collectors.toSet());
        for (QueueDefinition queue : queues) {
            try {
                QueueVersion saved = catalog.save(queue, "file", ids);
                if (saved != null) {
                    LOG.infof("queue %s version %d loaded from the definition file", saved.id(), saved.version());
                }
            } catch (InvalidQueue e) {
                throw new InvalidQueue("queue " + queue.id() + " in the definition file: " + e.getMessage());
            }
        }
        catalog.refresh();
        if (catalog.latest().stream().noneMatch(q -> q.id().equals(config.fallbackQueue()))) {
            throw new IllegalStateException("fallback queue " + config.fallbackQueue() + " is not defined");
        }
    }

    private List<QueueDefinition> read() throws IOException {
        if (config.queuesFile().isPresent()) {
            Path path = Path.of(config.queuesFile().get());
            try (InputStream in = Files.newInputStream(path)) {
                return parse(in);
            }
        }
        try (InputStream in = QueueFile.class.getResourceAsStream("/queues.yaml")) {
            return parse(in);
        }
    }

    static List<QueueDefinition> parse(InputStream in) throws IOException {
        Queues file = YAML.readValue(in, Queues.class);
        return file.queues() == null ? List.of() : file.queues();
    }
}
