package dev.flywheel.journey;

/** One arm of an experiment split: customers are assigned by a sticky hash, in proportion to {@code weight}. */
public record SplitArm(String key, int weight, String next) {}
