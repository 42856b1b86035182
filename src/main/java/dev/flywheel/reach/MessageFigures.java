package dev.flywheel.reach;

/**
 * Counts of messages by how far they got, for one source and copy variant. A message counts in
 * every stage it reached (a clicked message is also sent and delivered).
 */
public record MessageFigures(
    String source,
    String variant,
    long planned,
    long sent,
    long delivered,
    long opened,
    long clicked,
    long failed,
    long dropped,
    long refused) {}
