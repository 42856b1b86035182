package dev.flywheel.customer;

import java.time.Instant;
import java.util.List;

/** One page of customers, ordered by id; {@code page} is zero-based. */
public record CustomerPage(List<Summary> items, int page, int size, long total) {

  /** A list row: the name is already masked. */
  public record Summary(String id, String displayNameMasked, List<String> tags, LoanStage loanStage,
      LifecycleStage lifecycleStage, Instant createdAt) {}
}
