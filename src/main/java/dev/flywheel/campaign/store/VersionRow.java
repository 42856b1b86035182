package dev.flywheel.campaign.store;

import java.time.Instant;

/** One stored version of a campaign's plan (the plan as JSON). */
public record VersionRow(int version, String planJson, String state, String createdBy, Instant createdAt,
    String submittedBy, Instant submittedAt, String decidedBy, Instant decidedAt, String decisionComment) {}
