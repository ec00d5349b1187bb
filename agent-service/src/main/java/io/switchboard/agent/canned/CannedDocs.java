package io.switchboard.agent.canned;

/** OpenAPI examples and descriptions of the canned replies. */
final class CannedDocs {

    static final String KEY = "wa:106540352242922:16505551234";
    static final String ID = "0b9e5c1e-3f5a-8c2d-9a41-6d3c2b7e1f00";
    static final String REQUEST = """
            {"title": "Greeting", "text": "Hi {{customer.firstName|there}}, I'm {{agent.name}}. How can I help?",
             "queueId": "support", "channel": "whatsapp"}
            """;
    static final String DETAILS = """
            {"id": "0b9e5c1e-3f5a-8c2d-9a41-6d3c2b7e1f00", "title": "Greeting",
             "text": "Hi {{customer.firstName|there}}, I'm {{agent.name}}. How can I help?", "queueId": "support",
             "channel": "whatsapp", "createdBy": "sam", "createdAt": "2026-11-20T08:00:00Z",
             "updatedAt": "2026-11-20T08:00:00Z"}
            """;
    static final String RENDERED = """
            {"id": "0b9e5c1e-3f5a-8c2d-9a41-6d3c2b7e1f00", "title": "Greeting",
             "text": "Hi Ana, I'm Ava. How can I help?",
             "template": "Hi {{customer.firstName|there}}, I'm {{agent.name}}. How can I help?",
             "queueId": "support", "channel": "whatsapp"}
            """;
    static final String UNKNOWN_PLACEHOLDER = "{\"error\": \"unknown_placeholder\", \"message\": \"the text uses "
            + "placeholders this service does not know\", \"violations\": [\"text: {{customer.email}}\"]}";
    static final String PLACEHOLDERS = "Placeholders: {{customer.name}}, {{customer.firstName}}, {{agent.name}}; "
            + "a fallback after a bar is used when the value is missing ({{customer.firstName|there}}), else nothing.";

    private CannedDocs() {
    }
}
