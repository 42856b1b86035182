package dev.flywheel.campaign;

/**
 * Where a campaign is in its life. {@code DRAFT → PENDING_APPROVAL → APPROVED → RUNNING ⇄ PAUSED →
 * ENDED}; a rejected first version leaves it {@code REJECTED}, editable like a draft. Starting and
 * ending follow the clock ({@code starts_at}, {@code ends_at}); pausing and resuming are console
 * actions.
 */
public enum CampaignStatus {
  DRAFT,
  PENDING_APPROVAL,
  REJECTED,
  APPROVED,
  RUNNING,
  PAUSED,
  ENDED;

  /** True while an approved version exists that serves (or will serve) events. */
  public boolean isApproved() {
    return this == APPROVED || this == RUNNING || this == PAUSED;
  }

  public boolean isEditableDraft() {
    return this == DRAFT || this == REJECTED;
  }
}
