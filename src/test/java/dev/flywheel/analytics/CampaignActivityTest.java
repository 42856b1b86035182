package dev.flywheel.analytics;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flywheel.campaign.Asset;
import dev.flywheel.campaign.CampaignPlan;
import dev.flywheel.campaign.CampaignResult;
import dev.flywheel.campaign.Campaigns;
import dev.flywheel.campaign.EffectDefinition;
import dev.flywheel.campaign.RuleDefinition;
import dev.flywheel.campaign.Window;
import dev.flywheel.customer.Customers;
import dev.flywheel.event.EventIngestion;
import dev.flywheel.event.IncomingEvent;
import dev.flywheel.platform.security.Role;
import dev.flywheel.platform.time.MovableClock;
import dev.flywheel.support.ApiClient;
import dev.flywheel.support.RunningFlywheel;
import dev.flywheel.support.TestTenants;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

/** Seed 000's activity data: participated, shared, completed, high-net-worth, by promotion channel and period. */
@RunningFlywheel
class CampaignActivityTest {
  @LocalServerPort int port;
  @Autowired TestTenants tenants;
  @Autowired Campaigns campaigns;
  @Autowired Customers customers;
  @Autowired EventIngestion ingestion;
  @Autowired MovableClock clock;
  @Autowired JdbcTemplate jdbc;

  @Test
  void participantsAreCountedPerChannelAndPeriodOfTheCampaignsWindow() {
    var tenant = tenants.create();
    var api = new ApiClient(port, tenant.apiKey());
    Instant now = clock.instant();
    Window window = new Window(now.minus(Duration.ofDays(7)), now.plus(Duration.ofDays(5)), now.minus(Duration.ofDays(10)),
        now.minus(Duration.ofDays(3)), now.minus(Duration.ofDays(1)));
    long id = draft(tenant, "Giveback", window);
    String c = Long.toString(id);
    customers.saveProfile(tenant.id(), "A", Map.of("asset_tier", "high_net_worth"));
    customers.saveProfile(tenant.id(), "C", Map.of("asset_tier", "gold"));
    customers.saveProfile(tenant.id(), "D", Map.of("asset_tier", "private_bank"));
    // A: came by banner in the warm-up, shared and invested in the main period
    ingest(tenant.id(), "a1", "A", "page_view", now.minus(Duration.ofDays(9)), Map.of("page", "activity_page"), "banner", c);
    ingest(tenant.id(), "a2", "A", "share", now.minus(Duration.ofDays(6)), Map.of("target", "activity_page", "channel", "wechat_share"), null, c);
    ingest(tenant.id(), "a3", "A", "investment", now.minus(Duration.ofDays(5)),
        Map.of("amount", new BigDecimal("5000.00"), "product", "steady_7d", "term_days", 7L), null, c);
    // B: reached by SMS in the detonation period, used the coupon (replayed once)
    ingest(tenant.id(), "b1", "B", "message_delivered", now.minus(Duration.ofDays(2)), Map.of("channel", "sms"), null, c);
    ingest(tenant.id(), "b2", "B", "coupon_redeemed", now.minus(Duration.ofDays(2)).plusSeconds(600), Map.of(), null, c);
    ingest(tenant.id(), "b2", "B", "coupon_redeemed", now.minus(Duration.ofDays(2)).plusSeconds(600), Map.of(), null, c);
    // C: a share naming its channel, main period; a later event with another channel changes nothing
    ingest(tenant.id(), "c1", "C", "share", now.minus(Duration.ofHours(12)), Map.of("target", "activity_page", "channel", "investor_group"), null, c);
    ingest(tenant.id(), "c2", "C", "message_delivered", now.minus(Duration.ofHours(2)), Map.of("source", "push"), null, c);
    // D: an attributed event before the warm-up; E: another campaign's participant
    ingest(tenant.id(), "d1", "D", "app_login", now.minus(Duration.ofDays(20)), Map.of(), null, c);
    ingest(tenant.id(), "e1", "E", "share", now.minus(Duration.ofDays(2)), Map.of("target", "x"), null, "other");

    var report = api.get("/api/v1/analytics/campaigns/" + id + "/activity?tiers=high_net_worth,private_bank");
    assertThat(report.status()).isEqualTo(200);
    assertThat(report.<Map<String, Object>>get("total")).containsEntry("participants", 4).containsEntry("shared", 2)
        .containsEntry("completed", 2).containsEntry("high_net_worth", 2);
    assertThat(slices(report.get("by_channel"))).containsExactly("(none) 1 0 0 1", "banner 1 1 1 1", "investor_group 1 1 0 0",
        "sms 1 0 1 0");
    assertThat(slices(report.get("by_period"))).containsExactly("WARM_UP 1 1 1 1", "MAIN 1 1 0 0", "DETONATION 1 0 1 0",
        "OUTSIDE 1 0 0 1");
    // the totals equal plain SQL over the raw events
    Map<String, Object> naive = jdbc.queryForMap("""
        select count(distinct customer_id) as participants,
               count(distinct customer_id) filter (where type = 'share') as shared,
               count(distinct customer_id) filter (where type in ('investment', 'drawdown', 'coupon_redeemed')) as completed
        from events where tenant_id = ? and campaign = ?""", tenant.id(), c);
    assertThat(report.<Map<String, Object>>get("total")).containsEntry("participants", ((Number) naive.get("participants")).intValue())
        .containsEntry("shared", ((Number) naive.get("shared")).intValue())
        .containsEntry("completed", ((Number) naive.get("completed")).intValue());
    // default tiers: only high_net_worth
    assertThat(api.get("/api/v1/analytics/campaigns/" + id + "/activity").<Map<String, Object>>get("total"))
        .containsEntry("high_net_worth", 1);
    assertThat(api.get("/api/v1/analytics/campaigns/999999/activity").status()).isEqualTo(404);
  }

  @Test
  void aCampaignWithoutAttributedEventsAnswersZeros() {
    var tenant = tenants.create();
    Instant now = clock.instant();
    long id = draft(tenant, "Quiet", Window.of(now, now.plus(Duration.ofDays(3))));
    var report = new ApiClient(port, tenant.apiKey()).get("/api/v1/analytics/campaigns/" + id + "/activity");
    assertThat(report.status()).isEqualTo(200);
    assertThat(report.<Map<String, Object>>get("total")).containsEntry("participants", 0);
    assertThat(report.<List<?>>get("by_channel")).isEmpty();
  }

  private long draft(TestTenants.TestTenant tenant, String name, Window window) {
    var rule = new RuleDefinition("first-today", "first today", "investment", "is_first_today",
        List.of(EffectDefinition.Grant.of(Asset.POINTS, "event.amount_fen / 1000")));
    var result = campaigns.create(tenant.id(), new CampaignPlan(name, "volume", "giveback", window, "content", "process",
        List.of(rule), Map.of(Asset.POINTS, 100_000L), "owner", List.of(), null, List.of("banner", "sms"), 0, false, null),
        tenant.user(Role.OPERATOR));
    assertThat(result).isInstanceOf(CampaignResult.Done.class);
    return ((CampaignResult.Done) result).campaign().id();
  }

  private void ingest(long tenant, String id, String customer, String type, Instant at, Map<String, Object> attributes,
      String channel, String campaign) {
    var result = ingestion.ingest(tenant, new IncomingEvent(id, customer, type, at, attributes, channel, campaign));
    assertThat(result).isNotInstanceOf(dev.flywheel.event.IngestionResult.Rejected.class);
  }

  @SuppressWarnings("unchecked")
  private static List<String> slices(Object list) {
    return ((List<Map<String, Object>>) list).stream().map(s -> s.get("key") + " " + s.get("participants") + " "
        + s.get("shared") + " " + s.get("completed") + " " + s.get("high_net_worth")).collect(Collectors.toList());
  }
}
