/**
 * The messaging plumbing written once for every service: the transactional outbox and its relay, the inbox of
 * processed ids, the dead-letter format, the consumer failure policy (retry what the infrastructure failed, set
 * aside what the record itself failed), W3C trace context on records and rows, the logging context, and the one
 * error body of every HTTP API.
 */
package io.switchboard.messaging;
