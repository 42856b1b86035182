package dev.flywheel.analytics;

import java.util.List;

/** Retention cohorts, oldest first; {@code returned.get(n)} customers came back in period n. */
public record RetentionTable(RetentionQuery query, List<Cohort> cohorts) {
  public record Cohort(String period, long customers, List<Long> returned) {}
}
