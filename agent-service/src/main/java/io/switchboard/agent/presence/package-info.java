/** Presence: what agents set, heartbeats, the sweep for heartbeat loss and wrap-up, missed offers. */
package io.switchboard.agent.presence;
