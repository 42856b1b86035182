package dev.flywheel.lottery;

/**
 * A customer's {@code draws}-th draw without a prize of at least {@code tier} draws only among
 * prizes of that tier or better (when any is still in stock and within the customer's limit).
 */
public record Guarantee(int tier, int draws) {}
