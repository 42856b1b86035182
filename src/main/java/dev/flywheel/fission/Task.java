package dev.flywheel.fission;

import java.time.Instant;

/** A customer's task in an activity: {@code helps} of {@code helpersNeeded} counted so far. */
public record Task(
    long id,
    long tenantId,
    long activityId,
    String customerId,
    Long employeeId,
    int helps,
    int helpersNeeded,
    Instant startedAt,
    Instant completedAt,
    Instant redeemedAt,
    Long grantId) {

  public boolean complete() {
    return helps >= helpersNeeded;
  }

  public boolean redeemed() {
    return redeemedAt != null;
  }
}
