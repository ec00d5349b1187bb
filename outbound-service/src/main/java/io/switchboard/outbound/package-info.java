/**
 * outbound-service: agents' replies out through each channel's API, within its rules, at most once per command.
 * Packages by feature: {@code delivery} (commands, idempotency, retries, results), {@code channel} (the channels'
 * send APIs and their error codes), {@code window} (the messaging window per conversation), {@code ratelimit},
 * {@code receipt} (delivery receipts merged into results), {@code config}.
 */
package io.switchboard.outbound;
