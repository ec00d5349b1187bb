package io.switchboard.events;

import java.math.BigDecimal;
import java.util.List;

/** A cart the customer sent from a catalog. */
public record Order(String catalogId, String text, List<Item> items) {

    public Order {
        items = items == null ? List.of() : List.copyOf(items);
    }

    public record Item(String productRetailerId, int quantity, BigDecimal itemPrice, String currency) {
    }
}
