package dev.flywheel.customer;

import java.time.Instant;

/**
 * A customer's lifecycle stage moved, either because of an event or because the daily job saw a
 * threshold pass. Published synchronously inside the transaction that moved it.
 *
 * @param recalled true when a (potentially) dormant customer became active again
 * @param cause the causing event type, or {@code daily-recompute}
 */
public record LifecycleStageChanged(long tenantId, String customerId, LifecycleStage from,
    LifecycleStage to, Instant at, boolean recalled, String cause) {}
