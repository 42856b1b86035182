package dev.flywheel.console;

import dev.flywheel.campaign.Campaign;
import dev.flywheel.campaign.Campaigns;
import dev.flywheel.platform.security.ConsoleUser;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

/**
 * The approver's inbox: every campaign with a version waiting for approval, oldest first, with
 * approve and reject (posted to {@link CampaignsPage}, which comes back here). Versions the
 * approver wrote or submitted are marked; the module refuses to let them decide those.
 */
@Controller
class ApprovalsPage {
  private final Campaigns campaigns;
  private final TenantCalendar calendar;

  ApprovalsPage(Campaigns campaigns, TenantCalendar calendar) {
    this.campaigns = campaigns;
    this.calendar = calendar;
  }

  @GetMapping("/console/approvals")
  @PreAuthorize(CampaignRoles.DECIDE)
  String inbox(@AuthenticationPrincipal ConsoleUser me, Model model) {
    model.addAttribute("pending", campaigns.list(me.tenantId(), null, 500).stream()
        .filter(c -> c.pendingVersion() != null).sorted(java.util.Comparator.comparing(Campaign::updatedAt)).toList());
    model.addAttribute("zone", calendar.zone(me.tenantId()));
    return "console/campaigns/approvals";
  }
}
