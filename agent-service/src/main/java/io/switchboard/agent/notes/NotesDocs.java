package io.switchboard.agent.notes;

/** OpenAPI examples and descriptions of the notes and tags endpoints. */
final class NotesDocs {

    static final String KEY = "wa:106540352242922:16505551234";
    static final String NOTE = """
            {"id": 42, "conversationKey": "wa:106540352242922:16505551234", "conversationId": "c-7f3a9d",
             "authorId": "ava", "authorRole": "agent",
             "text": "Customer prefers a call back after 17:00; refund ticket R-1042.", "at": "2026-11-25T18:02:11Z"}
            """;
    static final String NOTES = "[" + NOTE + "]";
    static final String TAGS = """
            {"conversationKey": "wa:106540352242922:16505551234", "conversationId": "c-7f3a9d",
             "tags": ["refund", "vip"], "updatedBy": "ava", "updatedAt": "2026-11-25T18:03:00Z"}
            """;
    static final String NOTES_DESCRIPTION = "Internal notes on the conversation's current episode: shown to agents "
            + "and supervisors (also in the conversation's details and its history), never sent to the customer.";
    static final String TAGS_DESCRIPTION = "The current episode's tags (at most 20, each at most 64 characters); a "
            + "PUT replaces them all (trimmed, repeats dropped, order kept).";
    static final String KEY_HEADER = "Kept by the front end across retries of one click: a retry answers the same "
            + "note and adds none";
    static final String NOT_YOURS = "{\"error\": \"not_yours\", \"message\": \"the conversation is not assigned to "
            + "you\", \"violations\": []}";
    static final String TOO_LONG = "{\"error\": \"input_out_of_bounds\", \"message\": \"input out of bounds\", "
            + "\"violations\": [\"body.text: longer than 4096 characters\"]}";

    private NotesDocs() {
    }
}
