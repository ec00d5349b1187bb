/**
 * The agents' live feed: every item an agent's front end must see (offers, messages, receipts, conversation
 * changes) is appended to the agent's feed in PostgreSQL with a per-agent sequence, in the transaction of the change,
 * and pushed over the agent's WebSocket from there; a reconnect names the last sequence it saw (ADR 0010).
 */
package io.switchboard.agent.live;
