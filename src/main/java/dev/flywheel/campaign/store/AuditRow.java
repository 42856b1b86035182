package dev.flywheel.campaign.store;

import java.time.Instant;

/** One audit entry; {@code before}/{@code after} are JSON. */
public record AuditRow(long id, Instant at, String actor, String action, Integer version, String comment,
    String before, String after) {}
