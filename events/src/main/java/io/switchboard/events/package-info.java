/**
 * The event contract between Switchboard's services: one record per CloudEvent type, the topics they
 * travel on, and the codec that writes them as CloudEvents 1.0 in Kafka binary mode. A change here is a
 * change of {@code docs/asyncapi.yaml} too; {@code ContractDriftTest} fails when the two disagree.
 */
package io.switchboard.events;
