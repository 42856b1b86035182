package dev.flywheel.journey;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * The event that means the journey worked: when it occurs (and {@code condition}, CEL over
 * {@code event} and {@code customer}, holds) the run exits with reason {@code goal-reached}.
 */
public record JourneyGoal(@JsonProperty("event_type") String eventType, String condition) {}
