package dev.flywheel.customer;

import java.time.Instant;

/** A saved audience: customers for whom the CEL {@code expression} is true. */
public record Segment(long id, String name, String description, String expression,
    String createdBy, Instant createdAt) {}
