/**
 * Infrastructure for a developer's machine and CI, shared by test-support, local-stack and bench:
 * {@link io.switchboard.devinfra.PostgresFinder} decides which PostgreSQL to use (a named URL, 127.0.0.1:5432,
 * Testcontainers, or an embedded server from Maven artifacts) and returns a {@link io.switchboard.devinfra.FoundPostgres}
 * that stops what it started; {@link io.switchboard.devinfra.KraftBroker} is the one single-node KRaft Kafka they run
 * (in-process, or in a child JVM through {@link io.switchboard.devinfra.KraftBrokerMain}); and
 * {@link io.switchboard.devinfra.ContractTopics} lists the event contract's topics.
 */
package io.switchboard.devinfra;
