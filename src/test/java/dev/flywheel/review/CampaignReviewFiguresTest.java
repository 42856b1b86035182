package dev.flywheel.review;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.flywheel.campaign.Asset;
import dev.flywheel.campaign.CampaignPlan;
import dev.flywheel.campaign.CampaignResult;
import dev.flywheel.campaign.CampaignStatus;
import dev.flywheel.campaign.Campaigns;
import dev.flywheel.campaign.EffectDefinition;
import dev.flywheel.campaign.RuleDefinition;
import dev.flywheel.campaign.Window;
import dev.flywheel.event.EventIngestion;
import dev.flywheel.event.IncomingEvent;
import dev.flywheel.event.IngestionResult;
import dev.flywheel.ledger.Coupons;
import dev.flywheel.ledger.Ledger;
import dev.flywheel.ledger.RedeemOutcome;
import dev.flywheel.platform.security.Role;
import dev.flywheel.platform.time.MovableClock;
import dev.flywheel.support.ApiClient;
import dev.flywheel.support.ConsoleSession;
import dev.flywheel.support.RunningFlywheel;
import dev.flywheel.support.TestTenants;
import java.math.BigDecimal;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * A scenario campaign granting cash back, points and coupons to an existing and a new customer,
 * one customer reached but not granted, one coupon redeemed, drawdowns as conversions: every
 * review figure equals a naive SQL count over the owning modules' tables.
 */
@RunningFlywheel
class CampaignReviewFiguresTest {
  static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");
  @Autowired TestTenants tenants;
  @Autowired Campaigns campaigns;
  @Autowired Coupons coupons;
  @Autowired Ledger ledger;
  @Autowired EventIngestion ingestion;
  @Autowired MovableClock clock;
  @Autowired JdbcClient jdbc;
  @LocalServerPort int port;

  @Test
  void linksCostsRoiAndNewVersusExistingMatchNaiveSql() {
    var tenant = tenants.create();
    var api = new ApiClient(port, tenant.apiKey());
    event(tenant.id(), "old", "registered", Map.of());
    long template = coupons.define(tenant.id(), "ten yuan off", 1_000, 0, null, null, 30).id();
    LocalDate day0 = LocalDate.ofInstant(clock.instant(), SHANGHAI).plusDays(2);
    Instant starts = day0.atStartOfDay(SHANGHAI).toInstant();
    Instant ends = starts.plus(Duration.ofDays(7));
    var rule = new RuleDefinition("big", "big investment", "investment", "event.amount >= 1000.0", List.of(
        EffectDefinition.Grant.of(Asset.CASH_BACK, "500"), EffectDefinition.Grant.of(Asset.POINTS, "200"),
        new EffectDefinition.Grant(Asset.COUPON, "1", String.valueOf(template), null, null)));
    var plan = new CampaignPlan("Autumn invest", "Grow AUM", "autumn", Window.of(starts, ends), "c", "p",
        List.of(rule), Map.of(Asset.CASH_BACK, 10_000L, Asset.POINTS, 5_000L, Asset.COUPON, 10L), "owner", List.of(),
        null, List.of("banner"), 0, false, null);
    long id = ((CampaignResult.Done) campaigns.create(tenant.id(), plan, tenant.user(Role.OPERATOR))).campaign().id();
    campaigns.submit(tenant.id(), id, tenant.user(Role.OPERATOR));
    campaigns.approve(tenant.id(), id, tenant.user(Role.APPROVER), "ok");
    clock.set(day0.atTime(LocalTime.of(10, 0)).atZone(SHANGHAI).toInstant());
    campaigns.advanceClock();
    event(tenant.id(), "new", "registered", Map.of());
    invest(tenant.id(), "old", "1000");
    invest(tenant.id(), "new", "2000");
    invest(tenant.id(), "new", "1500");
    invest(tenant.id(), "small", "10");
    event(tenant.id(), "new", "drawdown", Map.of("amount", new BigDecimal("5000")));
    event(tenant.id(), "small", "drawdown", Map.of("amount", new BigDecimal("800")));
    String code = ledger.wallet(tenant.id(), "new").coupons().getFirst().code();
    assertThat(coupons.redeem(tenant.id(), code, "new", "order-1", null, "shop"))
        .isInstanceOf(RedeemOutcome.Redeemed.class);
    clock.advance(Duration.ofDays(9));
    campaigns.advanceClock();
    assertThat(campaigns.find(tenant.id(), id).orElseThrow().status()).isEqualTo(CampaignStatus.ENDED);

    assertThat(api.put("/api/v1/campaigns/" + id + "/review", Map.of("conversion_event", "no such; type")).code())
        .isEqualTo("invalid-request");
    assertThat(api.put("/api/v1/campaigns/" + id + "/review", Map.of("points_per_yuan", 0)).status()).isEqualTo(422);
    var r = api.put("/api/v1/campaigns/" + id + "/review", Map.of("conversion_event", "drawdown",
        "points_per_yuan", 50, "value_per_conversion", 10_000));
    assertThat(r.status()).isEqualTo(200);

    long t = tenant.id();
    long reached = naive("""
        select count(distinct customer_id) from campaign_decisions where tenant_id = :t and campaign_id = :c
          and reason not in ('OUTSIDE_WINDOW', 'NOT_IN_AUDIENCE')""", t, id, starts, ends);
    long participants = naive("select count(distinct customer_id) from ledger_grants where tenant_id = :t and campaign_id = :c",
        t, id, starts, ends);
    long grants = naive("select count(*) from ledger_grants where tenant_id = :t and campaign_id = :c", t, id, starts, ends);
    long converted = naive("""
        select count(distinct e.customer_id) from events e where e.tenant_id = :t and e.type = 'drawdown'
          and e.occurred_at >= :from and e.occurred_at < :to and e.customer_id in
          (select customer_id from ledger_grants where tenant_id = :t and campaign_id = :c)""", t, id, starts, ends);
    long cash = sum("CASH_BACK", t, id);
    long points = sum("POINTS", t, id);
    long couponCost = naive("""
        select coalesce(sum(k.face_value), 0) from ledger_coupons k join ledger_grants g on g.id = k.grant_id
          where g.tenant_id = :t and g.campaign_id = :c and k.status = 'REDEEMED'""", t, id, starts, ends);
    long fresh = naive("""
        select count(*) from customers where tenant_id = :t and coalesce(registered_at, created_at) >= :from
          and coalesce(registered_at, created_at) < :to
          and id in (select customer_id from ledger_grants where tenant_id = :t and campaign_id = :c)""",
        t, id, starts, ends);
    assertThat(List.of(reached, participants, grants, converted, cash, points, couponCost, fresh))
        .as("the scenario itself").containsExactly(3L, 2L, 9L, 1L, 1_500L, 600L, 1_000L, 1L);

    List<Map<String, Object>> links = r.get("links");
    assertThat(links).extracting(l -> ((Number) l.get("result")).longValue())
        .containsExactly(reached, participants, grants, converted);
    assertThat(links).extracting(l -> l.get("source")).containsExactly("measured", "measured", "measured", "measured");
    long pointsCost = points * 100 / 50;
    assertThat(r.<Number>get("valuation.points_cost").longValue()).isEqualTo(pointsCost);
    assertThat(r.<Number>get("valuation.cash_cost").longValue()).isEqualTo(cash);
    assertThat(r.<Number>get("valuation.coupon_cost").longValue()).isEqualTo(couponCost);
    assertThat(r.<Number>get("valuation.coupons_issued").longValue()).isEqualTo(3);
    assertThat(r.<Number>get("valuation.coupons_redeemed").longValue()).isEqualTo(1);
    long total = cash + pointsCost + couponCost;
    assertThat(r.<Number>get("valuation.total_cost").longValue()).isEqualTo(total);
    assertThat(r.<Number>get("roi").doubleValue()).isCloseTo((converted * 10_000.0 - total) / total, within(1e-9));
    assertThat(r.<Number>get("customers.new_participants").longValue()).isEqualTo(fresh);
    assertThat(r.<Number>get("customers.existing_participants").longValue()).isEqualTo(participants - fresh);
    assertThat(r.<Number>get("customers.new_converted").longValue()).isEqualTo(1);
    assertThat(r.<Number>get("customers.existing_converted").longValue()).isZero();

    var operator = new ConsoleSession(port).login(tenant.user(Role.OPERATOR), TestTenants.PASSWORD);
    String html = operator.get("/console/campaigns/" + id + "/review").body();
    assertThat(html).contains("id=\"review-valuation\"", "600 points at 50 points per yuan", "Coupons: 1 of 3 redeemed",
        "id=\"review-customers\"", "name=\"conversion_event\" maxlength=\"100\" value=\"drawdown\"");
    var page = operator.get("/console/campaigns/" + id + "/review.md").body();
    assertThat(page).contains("| Points: 600 at 50 per yuan | 1200 |", "| Coupons: 1 of 3 redeemed, at face value | 1000 |",
        "| Total | 3700 |", "| Participants | 1 | 1 |", "| Converted | 1 | 0 |", "| convert | — | 1 | — | measured |");
  }

  @Test
  void theDefaultRateValuesOnePointAtOneFen() {
    var tenant = tenants.create();
    LocalDate day0 = LocalDate.ofInstant(clock.instant(), SHANGHAI).plusDays(2);
    Instant starts = day0.atStartOfDay(SHANGHAI).toInstant();
    var rule = new RuleDefinition("p", "points", "investment", "", List.of(EffectDefinition.Grant.of(Asset.POINTS, "300")));
    var plan = new CampaignPlan("Points week", "p", "p", Window.of(starts, starts.plus(Duration.ofDays(7))), "c", "p",
        List.of(rule), Map.of(Asset.POINTS, 5_000L), "owner", List.of(), null, List.of("banner"), 0, false, null);
    long id = ((CampaignResult.Done) campaigns.create(tenant.id(), plan, tenant.user(Role.OPERATOR))).campaign().id();
    campaigns.submit(tenant.id(), id, tenant.user(Role.OPERATOR));
    campaigns.approve(tenant.id(), id, tenant.user(Role.APPROVER), "ok");
    clock.set(day0.atTime(LocalTime.of(9, 0)).atZone(SHANGHAI).toInstant());
    campaigns.advanceClock();
    invest(tenant.id(), "x", "100");
    clock.advance(Duration.ofDays(9));
    campaigns.advanceClock();
    var r = new ApiClient(port, tenant.apiKey()).get("/api/v1/campaigns/" + id + "/review");
    assertThat(r.<Number>get("valuation.points_per_yuan").longValue()).isEqualTo(100);
    assertThat(r.<Number>get("valuation.points_cost").longValue()).isEqualTo(300);
    assertThat(r.<Object>get("roi")).as("no value given").isNull();
    assertThat(r.<Object>get("customers.new_converted")).as("no conversion event").isNull();
  }

  private void invest(long tenantId, String customer, String amount) {
    event(tenantId, customer, "investment", Map.of("amount", new BigDecimal(amount), "product", "p7", "term_days", 7L));
  }

  private void event(long tenantId, String customer, String type, Map<String, Object> attributes) {
    var result = ingestion.ingest(tenantId, IncomingEvent.of(type + "-" + customer + "-" + System.nanoTime(), customer,
        type, clock.instant(), attributes));
    assertThat(result).isInstanceOf(IngestionResult.Accepted.class);
  }

  private long sum(String asset, long tenantId, long campaignId) {
    return jdbc.sql("select coalesce(sum(amount), 0) from ledger_grants where tenant_id = :t and campaign_id = :c and asset = :a")
        .param("t", tenantId).param("c", campaignId).param("a", asset).query(Long.class).single();
  }

  private long naive(String sql, long tenantId, long campaignId, Instant from, Instant to) {
    var spec = jdbc.sql(sql).param("t", tenantId).param("c", campaignId);
    if (sql.contains(":from")) {
      spec = spec.param("from", Timestamp.from(from)).param("to", Timestamp.from(to));
    }
    return spec.query(Long.class).single();
  }
}
