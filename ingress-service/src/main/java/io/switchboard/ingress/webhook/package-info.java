/**
 * What every webhook endpoint shares: signature checks, the raw webhook record and its publication to Kafka, the
 * answers (200/202 only after Kafka's acknowledgement, 503 with Retry-After otherwise) and their metrics.
 */
package io.switchboard.ingress.webhook;
