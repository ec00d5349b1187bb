/** The transactional outbox: every event is written with the change that caused it and published from here. */
package io.switchboard.agent.outbox;
