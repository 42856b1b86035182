package dev.flywheel.customer.stage;

import java.time.Instant;

/** A row for {@code customer_stage_history}. */
record HistoryRow(long tenantId, String customerId, String kind, String from, String to, Instant at,
    String cause) {}
