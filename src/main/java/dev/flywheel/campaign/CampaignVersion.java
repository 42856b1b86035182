package dev.flywheel.campaign;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Instant;

/**
 * One version of a campaign's plan. States: {@code DRAFT} (editable), {@code PENDING} (waiting
 * for an approver), {@code APPROVED} (the active one), {@code REJECTED}, {@code SUPERSEDED} (was
 * active, replaced by a newer approved version).
 */
public record CampaignVersion(int version, String state, CampaignPlan plan,
    @JsonProperty("created_by") String createdBy, @JsonProperty("created_at") Instant createdAt,
    @JsonProperty("submitted_by") String submittedBy, @JsonProperty("submitted_at") Instant submittedAt,
    @JsonProperty("decided_by") String decidedBy, @JsonProperty("decided_at") Instant decidedAt,
    @JsonProperty("decision_comment") String decisionComment) {}
