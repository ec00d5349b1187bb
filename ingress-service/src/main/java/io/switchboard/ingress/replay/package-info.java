/**
 * Operators' replays of the raw archive after a fix ({@code POST /admin/replays}): raw webhooks of a time range, and
 * those the dead-letter topic names, are put back on the raw topic for the normalization, which publishes only the
 * events its dedupe has not seen. See the module README, "Replay".
 */
package io.switchboard.ingress.replay;
