package io.switchboard.agent.conversation;

/**
 * The data of a {@code thread-control.changed} feed item (docs/agent-api.md): who controls the conversation's
 * Messenger or Instagram thread now ({@code switchboard} or an app id), what happened ({@code passed}, {@code taken},
 * {@code requested}), the other app and the text it sent.
 */
public record ThreadControlChange(String conversationId, String threadOwner, String change, String appId,
        String metadata) {
}
