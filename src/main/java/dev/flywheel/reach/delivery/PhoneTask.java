package dev.flywheel.reach.delivery;

import dev.flywheel.reach.PhoneTaskOutcome;
import java.time.Instant;
import java.util.List;

/**
 * A manual call task for an employee, with the customer's context (masked: employees see who
 * they call, not the raw personal data).
 */
public record PhoneTask(
    long messageId,
    String customerId,
    Context customer,
    String title,
    String script,
    String source,
    Status status,
    String claimedBy,
    Instant claimedAt,
    PhoneTaskOutcome.Outcome outcome,
    String note,
    Instant recordedAt,
    Instant createdAt) {

  public enum Status {
    OPEN,
    CLAIMED,
    DONE
  }

  /** What an employee sees of the customer; null fields when the profile is unknown. */
  public record Context(String nameMasked, String phoneMasked, String loanStage, String lifecycleStage,
      List<String> tags) {}
}
