package io.switchboard.routing.conversation;

import io.switchboard.events.Channel;
import io.vertx.mutiny.sqlclient.Row;

/**
 * One row of {@code routing.conversations}, as the routing steps need it. {@code id} and {@code state} are null for a
 * key without an open conversation, as the dry run judges it.
 */
record Conversation(String id, String key, Channel channel, String channelAccountId, String queueId,
        long queueVersion, int escalationStep, int priority, ConversationState state, String agentId,
        String stickyAgentId, boolean callback) {

    static final String COLUMNS = "conversation_id, conversation_key, channel, channel_account_id, queue_id,"
            + " queue_version, escalation_step, priority, state, agent_id, sticky_agent_id, callback";

    static Conversation of(Row row) {
        return new Conversation(row.getString("conversation_id"), row.getString("conversation_key"),
                Channel.fromWireName(row.getString("channel")), row.getString("channel_account_id"),
                row.getString("queue_id"), row.getLong("queue_version"), row.getInteger("escalation_step"),
                row.getInteger("priority"), ConversationState.of(row.getString("state")), row.getString("agent_id"),
                row.getString("sticky_agent_id"), Boolean.TRUE.equals(row.getBoolean("callback")));
    }

    boolean is(ConversationState expected) {
        return state == expected;
    }
}
