package dev.flywheel.console;

import dev.flywheel.campaign.Campaign;
import dev.flywheel.campaign.CampaignStatus;
import dev.flywheel.platform.security.ConsoleUser;
import dev.flywheel.platform.security.Role;

/**
 * Who may do what to a campaign in the console. The same rules guard the buttons (hidden when not
 * allowed) and the handlers ({@code @PreAuthorize}); the campaign module adds maker-checker.
 * <ul>
 *   <li>create, edit rules, submit: OPERATOR</li>
 *   <li>approve, reject: APPROVER, never on a version they wrote or submitted (the module refuses)</li>
 *   <li>pause, resume: OPERATOR or APPROVER</li>
 *   <li>fund the budget: APPROVER or ADMIN</li>
 *   <li>look: everyone signed in</li>
 * </ul>
 */
record CampaignRoles(boolean operator, boolean approver, boolean admin) {
  static final String EDIT = "hasRole('OPERATOR')";
  static final String DECIDE = "hasRole('APPROVER')";
  static final String PAUSE = "hasAnyRole('OPERATOR', 'APPROVER')";
  static final String FUND = "hasAnyRole('APPROVER', 'ADMIN')";

  static CampaignRoles of(ConsoleUser me) {
    return new CampaignRoles(me.roles().contains(Role.OPERATOR), me.roles().contains(Role.APPROVER),
        me.roles().contains(Role.ADMIN));
  }

  public boolean maySubmit(Campaign c) {
    return operator && c.status().isEditableDraft();
  }

  /** Rules of a draft, or a new version of an approved campaign when none is pending. */
  public boolean mayEdit(Campaign c) {
    return operator && c.status() != CampaignStatus.ENDED && c.pendingVersion() == null
        && c.status() != CampaignStatus.PENDING_APPROVAL;
  }

  public boolean mayDecide(Campaign c) {
    return approver && c.pendingVersion() != null;
  }

  public boolean mayPause(Campaign c) {
    return (operator || approver) && c.status() == CampaignStatus.RUNNING;
  }

  public boolean mayResume(Campaign c) {
    return (operator || approver) && c.status() == CampaignStatus.PAUSED;
  }

  public boolean mayFund(Campaign c) {
    return (approver || admin) && c.status().isApproved();
  }
}
