package io.switchboard.ingress.whatsapp;

import java.time.Instant;

import io.switchboard.events.Channel;
import io.switchboard.events.Customer;
import io.switchboard.events.RawRef;

/** The common head of a message-like item: its wamid, when it happened and who is on the other side. */
record Origin(Scope scope, String wamid, Instant occurredAt, Customer customer) {

    String eventId() {
        return Channel.WHATSAPP.prefix() + ":" + wamid;
    }

    String accountId() {
        return scope.phoneNumberId();
    }

    String conversationKey() {
        return Channel.WHATSAPP.conversationKey(scope.phoneNumberId(), customer.externalUserId());
    }

    Instant receivedAt() {
        return scope.receivedAt();
    }

    RawRef raw() {
        return scope.raw();
    }
}
