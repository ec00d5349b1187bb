/**
 * From a channel's webhook body to Switchboard events: one normalizer per channel family, pure functions of the
 * JSON and its context, tested without Kafka. The stream topology in this package runs them, deduplicates and
 * routes the results.
 */
package io.switchboard.ingress.normalize;
