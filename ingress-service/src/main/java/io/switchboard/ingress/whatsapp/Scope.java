package io.switchboard.ingress.whatsapp;

import static io.switchboard.ingress.whatsapp.WhatsAppJson.array;
import static io.switchboard.ingress.whatsapp.WhatsAppJson.text;

import java.time.Instant;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;

import io.switchboard.events.RawRef;
import io.switchboard.ingress.normalize.WebhookContext;

/** What every item of one change shares. {@code where} locates the change in the body for dead letters. */
record Scope(String phoneNumberId, JsonNode contacts, WebhookContext context, JsonNode body, String where) {

    /** The {@code value.contacts[]} entry of a user: batches carry several, matched by phone or BSUID. */
    JsonNode contactFor(String waId, String bsuid) {
        for (JsonNode contact : array(contacts)) {
            if (waId != null && waId.equals(text(contact, "wa_id"))
                    || bsuid != null && bsuid.equals(text(contact, "user_id"))) {
                return contact;
            }
        }
        return MissingNode.getInstance();
    }

    Instant receivedAt() {
        return context.receivedAt();
    }

    RawRef raw() {
        return context.raw();
    }
}
