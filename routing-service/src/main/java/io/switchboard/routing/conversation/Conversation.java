package io.switchboard.routing.conversation;

import io.switchboard.events.Channel;
import io.vertx.mutiny.sqlclient.Row;

/** One row of {@code routing.conversations}, as the routing steps need it. */
record Conversation(String id, String key, Channel channel, String channelAccountId, String queueId, int priority,
        String state, String agentId) {

    static final String COLUMNS = "conversation_id, conversation_key, channel, channel_account_id, queue_id, priority,"
            + " state, agent_id";

    static Conversation of(Row row) {
        return new Conversation(row.getString("conversation_id"), row.getString("conversation_key"),
                Channel.fromWireName(row.getString("channel")), row.getString("channel_account_id"),
                row.getString("queue_id"), row.getInteger("priority"), row.getString("state"),
                row.getString("agent_id"));
    }
}
