package io.switchboard.ingress.whatsapp;

import static io.switchboard.ingress.whatsapp.WhatsAppJson.array;
import static io.switchboard.ingress.whatsapp.WhatsAppJson.text;

import java.time.Instant;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;

import io.switchboard.events.RawRef;
import io.switchboard.ingress.normalize.WebhookContext;

/**
 * What every item of one change shares: the change's {@code value} (its contacts, a call's errors). {@code where} locates the change in the body for dead letters;
 * {@code index} and {@code count} place the current item in its array (-1 and 0 for the change itself).
 */
record Scope(String phoneNumberId, JsonNode value, WebhookContext context, JsonNode body, String where,
        int index, int count) {

    Scope(String phoneNumberId, JsonNode value, WebhookContext context, JsonNode body, String where) {
        this(phoneNumberId, value, context, body, where, -1, 0);
    }

    /** The change's {@code value.contacts[]}. */
    JsonNode contacts() {
        return value.path("contacts");
    }

    /** This scope for item {@code index} of an array of {@code count}. */
    Scope at(int index, int count) {
        return new Scope(phoneNumberId, value, context, body, where, index, count);
    }

    /** The {@code value.contacts[]} entry of a user: batches carry several, matched by phone or BSUID. */
    JsonNode contactFor(String waId, String bsuid) {
        for (JsonNode contact : array(contacts())) {
            if (waId != null && waId.equals(text(contact, "wa_id"))
                    || bsuid != null && bsuid.equals(text(contact, "user_id"))) {
                return contact;
            }
        }
        return MissingNode.getInstance();
    }

    /**
     * The contact of an item that names nobody itself (a BSUID-only user's message may carry its id in
     * {@code contacts[]} alone): the only contact, or the one at the item's position when there is one contact per
     * item. Anything else would be a guess.
     */
    JsonNode positionalContact() {
        JsonNode contacts = contacts();
        int contactCount = contacts.isArray() ? contacts.size() : 0;
        if (contactCount == 1) {
            return contacts.get(0);
        }
        if (contactCount > 1 && contactCount == count && index >= 0 && index < contactCount) {
            return contacts.get(index);
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
