package dev.flywheel.console;

import dev.flywheel.campaign.Asset;
import dev.flywheel.campaign.Campaign;
import dev.flywheel.campaign.CampaignStatus;
import dev.flywheel.campaign.Campaigns;
import dev.flywheel.campaign.DryRunReport;
import dev.flywheel.campaign.LiveFigures;
import dev.flywheel.platform.security.ConsoleUser;
import dev.flywheel.platform.web.Problem;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * A campaign's figures on its page: the dry run of a draft or of a version waiting for approval
 * (htmx posts the chosen past days here and swaps in the report; for the approver the panel runs
 * itself when the page loads), and the live figures of a campaign that has run (participants,
 * grants and cost vs budget per day, from the module's committed decisions). Read-only.
 */
@Controller
class DryRunPanel {
  static final int DEFAULT_DAYS = 30;
  private final Campaigns campaigns;
  private final CampaignViews views;
  private final CampaignCharts charts;
  private final TenantCalendar calendar;
  private final java.time.Clock clock;
  private final Labels labels;

  DryRunPanel(Campaigns campaigns, CampaignViews views, CampaignCharts charts, TenantCalendar calendar,
      java.time.Clock clock, Labels labels) {
    this.labels = labels;
    this.campaigns = campaigns;
    this.views = views;
    this.charts = charts;
    this.calendar = calendar;
    this.clock = clock;
  }

  /** Whether the page offers a dry run: something not yet approved is there to try. */
  static boolean offersDryRun(Campaign c) {
    return c.status() == CampaignStatus.DRAFT || c.status() == CampaignStatus.REJECTED || c.pendingVersion() != null;
  }

  /** Whether the page shows live figures: an approved version has started serving. */
  static boolean hasRun(Campaign c) {
    return c.status() == CampaignStatus.RUNNING || c.status() == CampaignStatus.PAUSED
        || c.status() == CampaignStatus.ENDED;
  }

  /** The default window: the last {@link #DEFAULT_DAYS} days, today included. */
  LocalDate[] defaultDays(ZoneId zone) {
    LocalDate today = calendar.today(zone);
    return new LocalDate[] {today.minusDays(DEFAULT_DAYS - 1), today};
  }

  /** htmx: the dry-run report of days {@code from}–{@code to} (inclusive, tenant zone; today up to now). */
  @PostMapping("/console/campaigns/{id}/dry-run")
  String dryRun(@AuthenticationPrincipal ConsoleUser me, @PathVariable long id,
      @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate from,
      @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate to, Model model) {
    ZoneId zone = calendar.zone(me.tenantId());
    LocalDate[] days = defaultDays(zone);
    LocalDate first = from == null ? days[0] : from;
    LocalDate last = to == null ? days[1] : to;
    Instant now = clock.instant();
    Instant end = last.plusDays(1).atStartOfDay(zone).toInstant();
    try {
      DryRunReport report = campaigns.dryRun(me.tenantId(), id, first.atStartOfDay(zone).toInstant(),
          end.isAfter(now) ? now : end);
      model.addAttribute("report", report);
      model.addAttribute("charts", dryRunCharts(report));
    } catch (Problem problem) {
      model.addAttribute("problem", labels.of("dryrun.problem." + problem.code(), problem.getMessage()));
    }
    return "console/campaigns/dry-run :: report";
  }

  private List<CampaignCharts.AssetChart> dryRunCharts(DryRunReport report) {
    List<LocalDate> days = report.days().stream().map(DryRunReport.DayCost::day).toList();
    List<CampaignCharts.AssetChart> out = new ArrayList<>();
    for (DryRunReport.AssetCost a : report.assets()) {
      out.add(charts.costOverTime(a.asset().name(), days,
          report.days().stream().map(d -> d.units().getOrDefault(a.asset(), 0L)).toList(), a.budget()));
    }
    return out;
  }

  /** Live figures of a campaign that has run, from its start to the end of today (or its end). */
  record Live(LiveFigures figures, List<CampaignCharts.AssetChart> charts) {}

  Optional<Live> live(long tenantId, Campaign c) {
    if (!hasRun(c) || c.activePlan().isEmpty() || c.activePlan().get().window() == null) {
      return Optional.empty();
    }
    var window = c.activePlan().get().window();
    // through the end of today (decisions are stamped with the clock's now, so "until now" would miss this instant's)
    ZoneId zone = calendar.zone(tenantId);
    Instant endOfToday = calendar.today(zone).plusDays(1).atStartOfDay(zone).toInstant();
    Instant to = window.endsAt() != null && window.endsAt().isBefore(endOfToday) ? window.endsAt() : endOfToday;
    if (!to.isAfter(window.startsAt()) || window.startsAt().isAfter(clock.instant())) {
      return Optional.empty();
    }
    LiveFigures figures = campaigns.liveFigures(tenantId, c.id(), window.startsAt(), to);
    List<LocalDate> days = figures.days().stream().map(LiveFigures.Day::day).toList();
    Map<String, Long> funded = new java.util.HashMap<>();
    views.budget(tenantId, c).forEach(line -> funded.put(line.asset(), line.funded()));
    List<CampaignCharts.AssetChart> out = new ArrayList<>();
    for (Asset asset : Asset.values()) {
      if (figures.units().containsKey(asset) || funded.getOrDefault(asset.name(), 0L) > 0) {
        out.add(charts.costOverTime(asset.name(), days,
            figures.days().stream().map(d -> d.units().getOrDefault(asset, 0L)).toList(), funded.get(asset.name())));
      }
    }
    return Optional.of(new Live(figures, out));
  }
}
