package dev.flywheel.reach;

/**
 * Where a message is. The happy path is PLANNED → QUEUED → SENT → DELIVERED → OPENED → CLICKED;
 * FAILED, DROPPED and REFUSED end it. DEFERRED is PLANNED with a recorded reason (quiet hours,
 * caps, a higher-priority message won).
 */
public enum MessageStatus {
  PLANNED,
  DEFERRED,
  QUEUED,
  SENT,
  DELIVERED,
  OPENED,
  CLICKED,
  FAILED,
  DROPPED,
  REFUSED
}
