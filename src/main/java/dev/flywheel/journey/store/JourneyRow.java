package dev.flywheel.journey.store;

import java.time.Instant;

/** A row of {@code journeys}; {@code draft} is JSON. */
public record JourneyRow(long tenantId, long id, String name, String template, String status, String draft,
    Integer activeVersion, String createdBy, Instant createdAt, Instant updatedAt) {}
