package dev.flywheel.ledger;

/** Something in the points mall: {@code pointPrice} points each, {@code stock} left. */
public record CatalogItem(long id, String name, long pointPrice, int stock) {}
