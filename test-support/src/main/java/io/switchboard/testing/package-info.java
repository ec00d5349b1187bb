/**
 * Real infrastructure for Switchboard's tests: a Kafka broker ({@link io.switchboard.testing.KafkaResource})
 * and a PostgreSQL database ({@link io.switchboard.testing.PostgresResource}) as Quarkus test resources,
 * plus {@link io.switchboard.testing.KafkaTestClient} to produce and read records without Quarkus.
 * <p>
 * Both resources are JVM-wide: the first user starts the broker or creates the database, every later
 * test class (and every Quarkus application class loader) reuses it, and a JVM shutdown hook cleans up.
 * Nothing here mocks Kafka or PostgreSQL.
 */
package io.switchboard.testing;
