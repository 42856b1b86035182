package dev.flywheel.customer;

import java.time.Instant;

/**
 * A customer's loan stage moved. Published synchronously inside the transaction that moved it,
 * after the new stage is written (so listeners reading {@link Customers} see it).
 *
 * @param from previous stage
 * @param at when the causing event occurred
 * @param causeEventType type of the event that caused the move
 */
public record LoanStageChanged(long tenantId, String customerId, LoanStage from, LoanStage to,
    Instant at, String causeEventType) {}
