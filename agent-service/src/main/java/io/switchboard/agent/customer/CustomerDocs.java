package io.switchboard.agent.customer;

/** OpenAPI examples of the customer endpoints. */
final class CustomerDocs {

    static final String KEY = "wa:106540352242922:16505551234";
    static final String EPISODE = "c-7f3a9d";
    static final String CUSTOMER = """
            {"conversationKey": "wa:106540352242922:16505551234", "channel": "whatsapp",
             "channelAccountId": "106540352242922", "externalUserId": "16505551234", "name": "Ana Pérez",
             "username": null, "language": "es", "identities": {"wa_id": "16505551234", "phone": "+16505551234"},
             "firstContactAt": "2026-11-02T09:14:00Z", "lastContactAt": "2026-11-25T18:00:00Z",
             "previousConversations": [{"conversationId": "c-7f3a9d", "openedAt": "2026-11-02T09:14:00Z",
               "closedAt": "2026-11-02T09:40:12Z", "queueId": "billing", "agentId": "ava", "outcome": "resolved",
               "disposition": "solved", "reason": "refund issued",
               "history": "/me/conversations/wa:106540352242922:16505551234/history/c-7f3a9d"}]}
            """;
    static final String HISTORY = """
            {"conversationKey": "wa:106540352242922:16505551234", "conversationId": "c-7f3a9d",
             "channel": "whatsapp", "openedAt": "2026-11-02T09:14:00Z", "closedAt": "2026-11-02T09:40:12Z",
             "queueId": "billing", "agentId": "ava", "outcome": "resolved", "disposition": "solved",
             "reason": "refund issued", "transcript": [{"eventId": "wa:wamid.HBgL:routed:ava", "direction": "inbound",
               "kind": "text", "text": "my invoice is wrong", "at": "2026-11-02T09:14:00Z"}],
             "notes": [{"id": 40, "conversationKey": "wa:106540352242922:16505551234", "conversationId": "c-7f3a9d",
               "authorId": "ava", "authorRole": "agent", "text": "refund R-1042 issued", "at": "2026-11-02T09:39:00Z"}],
             "tags": ["refund"]}
            """;
    static final String NOT_YOURS = "{\"error\": \"not_yours\", \"message\": \"the conversation is not assigned to "
            + "you\", \"violations\": []}";

    private CustomerDocs() {
    }
}
