package dev.flywheel.journey.run;

import java.time.Instant;
import java.util.Map;

/**
 * A row of {@code journey_runs}: the step numbered {@code seq} is {@code stepKey}, due at
 * {@code dueAt}; while WAITING for {@code waitingEvent}, {@code dueAt} is the timeout.
 */
record RunRow(long id, long tenantId, long journeyId, int version, String customerId, String status,
    String stepKey, int seq, Instant dueAt, String waitingEvent, Map<String, Object> context, Instant enteredAt) {

  boolean waiting() {
    return "WAITING".equals(status);
  }
}
