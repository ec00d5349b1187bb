package io.switchboard.testing;

/** One way of providing a broker to tests. Implementations are only used through {@link SharedKafka}. */
interface KafkaBroker {

    String bootstrapServers();

    /** Human-readable origin, for logs and failure messages. */
    String description();

    /** True when this JVM owns the broker and can take it down and bring it back. */
    boolean managed();

    /** Takes the broker down; its address stays reserved for {@link #resume()}. */
    void suspend() throws Exception;

    /** Brings the broker back on the same address and waits until it serves requests. */
    void resume() throws Exception;

    void close() throws Exception;

    /** A broker someone else runs, named by {@code SWITCHBOARD_TEST_KAFKA}. */
    record External(String bootstrapServers) implements KafkaBroker {

        @Override
        public String description() {
            return "external broker " + bootstrapServers + " (SWITCHBOARD_TEST_KAFKA)";
        }

        @Override
        public boolean managed() {
            return false;
        }

        @Override
        public void suspend() {
            throw new IllegalStateException("Cannot stop the external broker " + bootstrapServers);
        }

        @Override
        public void resume() {
            throw new IllegalStateException("Cannot start the external broker " + bootstrapServers);
        }

        @Override
        public void close() {
            // Not ours to close.
        }
    }
}
