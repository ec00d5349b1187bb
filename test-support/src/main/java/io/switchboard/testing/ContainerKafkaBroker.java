package io.switchboard.testing;

import org.testcontainers.DockerClientFactory;
import org.testcontainers.kafka.KafkaContainer;

import io.switchboard.devinfra.KraftBroker;

/**
 * apache/kafka in Docker via Testcontainers. Stopping pauses the container: its mapped port stays the same, and
 * clients see requests time out until it is unpaused.
 */
final class ContainerKafkaBroker implements KafkaBroker {

    static final String IMAGE = "apache/kafka:4.1.2";

    private final KafkaContainer container;
    private boolean running = true;

    private ContainerKafkaBroker(KafkaContainer container) {
        this.container = container;
    }

    @SuppressWarnings("resource")
    static ContainerKafkaBroker start() {
        KafkaContainer container = new KafkaContainer(IMAGE);
        KraftBroker.SINGLE_NODE.forEach((key, value) ->
                container.withEnv("KAFKA_" + key.toUpperCase().replace('.', '_'), value));
        container.withEnv("KAFKA_NUM_PARTITIONS", "1").withEnv("KAFKA_AUTO_CREATE_TOPICS_ENABLE", "true");
        container.start();
        return new ContainerKafkaBroker(container);
    }

    @Override
    public String bootstrapServers() {
        return container.getBootstrapServers();
    }

    @Override
    public String description() {
        return "Testcontainers " + IMAGE + " at " + bootstrapServers();
    }

    @Override
    public boolean managed() {
        return true;
    }

    @Override
    public void suspend() {
        if (running) {
            DockerClientFactory.instance().client().pauseContainerCmd(container.getContainerId()).exec();
            running = false;
        }
    }

    @Override
    public void resume() {
        if (!running) {
            DockerClientFactory.instance().client().unpauseContainerCmd(container.getContainerId()).exec();
            running = true;
        }
    }

    @Override
    public void close() {
        container.stop();
    }
}
