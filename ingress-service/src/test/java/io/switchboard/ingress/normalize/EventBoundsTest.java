package io.switchboard.ingress.normalize;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.switchboard.events.Channel;
import io.switchboard.events.Customer;
import io.switchboard.events.TypingIndicated;

class EventBoundsTest {

    private static final Instant AT = Instant.parse("2026-12-03T10:00:00Z");

    @Test
    void anEventWithinBoundsHasNoViolation() {
        assertThat(EventBounds.violations(typing("custom:acme:conv-1", customer("user-1", "Ada", Map.of())))).isEmpty();
    }

    @Test
    void idsKeysLabelsAndNulAreNamedByTheirPathInTheEvent() {
        String key = "custom:acme:" + "c".repeat(250);
        Customer customer = customer("user-1", "A".repeat(201), Map.of("wa_id", "1" + (char) 0));
        assertThat(EventBounds.violations(typing(key, customer))).containsExactlyInAnyOrder(
                "conversationKey: longer than 255 characters (262)",
                "customer.displayName: longer than 200 characters (201)",
                "customer.identities.wa_id: contains a NUL character");
    }

    @Test
    void textsMayBeLongButNotEndless() {
        Customer customer = new Customer("user-1", null, null, null, Map.of(), Map.of("note", "n".repeat(20_001)));
        assertThat(EventBounds.violations(typing("custom:acme:c", customer)))
                .containsExactly("customer.attributes.note: longer than 20000 characters (20001)");
        assertThat(EventBounds.limit("externalMessageId")).isEqualTo(255);
        assertThat(EventBounds.limit("text")).isEqualTo(20_000);
    }

    private static Customer customer(String id, String name, Map<String, String> identities) {
        return new Customer(id, name, null, null, identities, Map.of());
    }

    private static TypingIndicated typing(String conversationKey, Customer customer) {
        return new TypingIndicated("custom:acme:e-1", Channel.CUSTOM, "acme", conversationKey, customer, AT, AT, null);
    }
}
