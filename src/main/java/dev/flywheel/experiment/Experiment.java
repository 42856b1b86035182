package dev.flywheel.experiment;

import java.time.Instant;
import java.util.List;

/** A defined experiment; {@code variants} in order, the first one is the control. */
public record Experiment(
    String key,
    String name,
    Subject subject,
    String primaryMetric,
    List<String> guardrailMetrics,
    List<Variant> variants,
    Status status,
    String createdBy,
    Instant createdAt,
    String stopRequestedBy,
    String stopReason,
    String stoppedBy,
    Instant stoppedAt) {

  /** What is being varied. */
  public enum Subject { LANDING_PAGE, MESSAGE_COPY, JOURNEY_BRANCH, CAMPAIGN_VARIANT }

  public enum Status { RUNNING, STOP_REQUESTED, STOPPED }

  /** @param weight percent of customers, 1–100; an experiment's weights sum to 100 */
  public record Variant(String name, int weight) {}

  public List<String> metrics() {
    var all = new java.util.ArrayList<String>();
    all.add(primaryMetric);
    all.addAll(guardrailMetrics);
    return all;
  }
}
