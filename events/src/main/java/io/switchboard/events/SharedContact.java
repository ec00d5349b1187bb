package io.switchboard.events;

import java.util.List;

/** A contact card the customer shared. */
public record SharedContact(String formattedName, String organization, List<String> phones, List<String> emails,
        List<String> waIds) {

    public SharedContact {
        phones = phones == null ? List.of() : List.copyOf(phones);
        emails = emails == null ? List.of() : List.copyOf(emails);
        waIds = waIds == null ? List.of() : List.copyOf(waIds);
    }
}
