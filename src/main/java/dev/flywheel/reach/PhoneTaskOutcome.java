package dev.flywheel.reach;

import java.time.Instant;

/** Published when an employee (or a robocall provider) records how a call went. */
public record PhoneTaskOutcome(
    long tenantId,
    long messageId,
    String customerId,
    String source,
    Outcome outcome,
    String note,
    String recordedBy,
    Instant at) {

  public enum Outcome {
    REACHED,
    NO_ANSWER,
    PROMISED,
    REFUSED
  }
}
