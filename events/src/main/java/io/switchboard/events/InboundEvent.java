package io.switchboard.events;

import java.time.Instant;

/** Customer-side events of a conversation, on {@link Topics#INBOUND}. */
public sealed interface InboundEvent extends ConversationEvent
        permits MessageReceived, MessageEchoed, MessageReacted, MessageEdited, MessageRevoked,
        ContactIdentityChanged, TypingIndicated, ThreadControlPassed, ThreadControlTaken, ThreadControlRequested,
        CallReceived, CallEnded, CallPermissionAnswered {

    /** When Switchboard received the webhook. */
    Instant receivedAt();

    /** Where the webhook this came from is kept. */
    RawRef raw();
}
