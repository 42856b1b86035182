package dev.flywheel.simulator;

import dev.flywheel.campaign.Asset;
import dev.flywheel.campaign.CampaignPlan;
import dev.flywheel.campaign.CampaignResult;
import dev.flywheel.campaign.Campaigns;
import dev.flywheel.campaign.Window;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Component;

/**
 * The seed-000 example campaign ("Million-yuan gift giveback") for the demo tenant, made the way
 * operators make one: from templates, written by the operator, approved by the approver. It
 * runs from the start of today, so events sent to the demo API key answer with real effects.
 */
@Component
class DemoCampaigns {
  private static final ZoneId DEMO_ZONE = ZoneId.of("Asia/Shanghai");
  private final Campaigns campaigns;
  private final Clock clock;

  DemoCampaigns(Campaigns campaigns, Clock clock) {
    this.campaigns = campaigns;
    this.clock = clock;
  }

  void create(long tenantId) {
    // from the start of today in the demo tenant's zone, so today's events all count
    Instant today = LocalDate.now(clock.withZone(DEMO_ZONE)).atStartOfDay(DEMO_ZONE).toInstant();
    Window window = Window.of(today, today.plus(Duration.ofDays(30)));
    launch(tenantId, "first_investment_points", plan("Giveback: first-investment points",
        "The day's first investment earns points at 10:1", window, Map.of(Asset.POINTS, 5_000_000L), 10));
    launch(tenantId, "investment_lottery", plan("Giveback: lottery chances",
        "One draw chance per investment over 1,000 yuan, at most 5 a day", window,
        Map.of(Asset.LOTTERY_CHANCE, 200_000L), 5));
  }

  private void launch(long tenantId, String template, CampaignPlan plan) {
    long id = done(campaigns.createFromTemplate(tenantId, template, Map.of(), plan, "operator@demo")).campaign().id();
    done(campaigns.submit(tenantId, id, "operator@demo"));
    done(campaigns.approve(tenantId, id, "approver@demo", "Within the giveback budget"));
  }

  private static CampaignPlan plan(String name, String content, Window window, Map<Asset, Long> budget, int priority) {
    return new CampaignPlan(name, "Reach the monthly transaction-volume goal", "Million-yuan gift giveback",
        window, content, "Announced by banner, push and SMS; rewards credited at once", List.of(), budget,
        "operator@demo", List.of("employee@demo"), null, List.of("banner", "push", "sms"), priority, false, null);
  }

  private static CampaignResult.Done done(CampaignResult result) {
    if (result instanceof CampaignResult.Done done) {
      return done;
    }
    throw new IllegalStateException("demo campaign could not be set up: " + result);
  }
}
