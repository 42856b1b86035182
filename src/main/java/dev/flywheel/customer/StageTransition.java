package dev.flywheel.customer;

import java.time.Instant;

/**
 * One row of a customer's stage history.
 *
 * @param kind {@code LOAN} or {@code LIFECYCLE}
 * @param from previous stage name, null for the first entry
 * @param cause event type, or {@code daily-recompute}
 */
public record StageTransition(String kind, String from, String to, Instant at, String cause) {}
