/**
 * The local stack: one command that runs Switchboard on a developer's machine. {@link io.switchboard.local.LocalStack}
 * starts a Kafka broker in its own JVM, finds or starts PostgreSQL, creates the topics, starts every packaged service
 * and prints the events that pass; {@link io.switchboard.local.PostSample} posts a signed sample webhook to it.
 */
package io.switchboard.local;
