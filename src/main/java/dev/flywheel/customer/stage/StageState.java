package dev.flywheel.customer.stage;

import dev.flywheel.customer.LifecycleStage;
import dev.flywheel.customer.LoanStage;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;

/**
 * The event-derived columns of one customer row, as a working copy that the rules fold events
 * into before {@link StageWriter} writes it back. Not thread-safe; lives inside one flush.
 */
final class StageState {
  final long tenantId;
  final String customerId;
  String acquisitionChannel;
  String invitedBy;
  Instant acquiredAt;
  Instant registeredAt;
  String registeredPlatform;
  boolean h5Only;
  LoanStage loanStage = LoanStage.REGISTERED;
  Instant loanStageAt;
  String applicationStep;
  String funder;
  BigDecimal creditLine;
  Integer overdueDays;
  LifecycleStage lifecycleStage = LifecycleStage.NEW;
  Instant lifecycleStageAt;
  Instant lastActiveAt;
  LocalDate lastActiveDay;
  int activeDays;
  Instant recalledAt;
  Instant createdAt;

  StageState(long tenantId, String customerId) {
    this.tenantId = tenantId;
    this.customerId = customerId;
  }

  /** Registration time for the NEW window: the registered event, else when we first saw them. */
  Instant registeredOrCreatedAt() {
    return registeredAt != null ? registeredAt : createdAt;
  }
}
