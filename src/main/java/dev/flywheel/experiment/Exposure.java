package dev.flywheel.experiment;

import java.time.Instant;

/**
 * A customer's exposure to an experiment.
 *
 * @param recorded true when this call recorded it, false when it was already recorded (the first
 *     exposure time counts)
 */
public record Exposure(String experimentKey, String customerId, String variant, Instant exposedAt, boolean recorded) {}
