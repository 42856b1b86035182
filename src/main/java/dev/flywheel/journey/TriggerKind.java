package dev.flywheel.journey;

/** How customers enter a journey. */
public enum TriggerKind {
  /** An accepted event of {@code event_type}, optionally with a CEL {@code condition}. */
  EVENT,
  /** Becoming a member of segment {@code segment_id} (checked by a sweep). */
  SEGMENT_ENTRY,
  /** The loan stage moving into one of {@code stages}. */
  LOAN_STAGE,
  /** The lifecycle stage moving into one of {@code stages}. */
  LIFECYCLE_STAGE,
  /** Every day at {@code daily_at} (tenant time), the members of segment {@code segment_id}. */
  SCHEDULE
}
