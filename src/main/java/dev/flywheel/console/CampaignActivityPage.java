package dev.flywheel.console;

import dev.flywheel.analytics.CampaignActivity;
import dev.flywheel.campaign.Campaigns;
import dev.flywheel.platform.security.ConsoleUser;
import dev.flywheel.platform.web.Problem;
import java.util.Arrays;
import java.util.Set;
import java.util.stream.Collectors;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

/** Seed 000's activity data of one campaign: participated, shared, completed, high-net-worth, by channel and period. */
@Controller
class CampaignActivityPage {
  private final CampaignActivity activity;
  private final Campaigns campaigns;
  private final AnalyticsCharts charts;

  CampaignActivityPage(CampaignActivity activity, Campaigns campaigns, AnalyticsCharts charts) {
    this.activity = activity;
    this.campaigns = campaigns;
    this.charts = charts;
  }

  @GetMapping("/console/analytics/activity")
  String page(@AuthenticationPrincipal ConsoleUser me, @RequestParam(required = false) Long campaign,
      @RequestParam(required = false) String attribution, @RequestParam(defaultValue = "high_net_worth") String tiers,
      Model model) {
    model.addAttribute("campaigns", campaigns.list(me.tenantId(), null, 200));
    model.addAttribute("campaign", campaign);
    model.addAttribute("attribution", attribution);
    model.addAttribute("tiers", tiers);
    if (campaign == null) {
      return "analytics/activity";
    }
    Set<String> tierSet = Arrays.stream(tiers.split(",")).map(String::trim).filter(s -> !s.isEmpty())
        .collect(Collectors.toSet());
    try {
      CampaignActivity.Report report = activity.report(me.tenantId(), campaign, attribution, tierSet);
      model.addAttribute("report", report);
      model.addAttribute("channelChart", charts.activity(report.byChannel()));
      model.addAttribute("periodChart", charts.activity(report.byPeriod()));
    } catch (Problem p) {
      model.addAttribute("error", p.getMessage());
    }
    return "analytics/activity";
  }
}
