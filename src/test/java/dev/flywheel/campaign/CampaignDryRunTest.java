package dev.flywheel.campaign;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.flywheel.event.EventIngestion;
import dev.flywheel.event.IncomingEvent;
import dev.flywheel.event.IngestionResult;
import dev.flywheel.ledger.Budget;
import dev.flywheel.ledger.Ledger;
import dev.flywheel.platform.security.Role;
import dev.flywheel.platform.time.MovableClock;
import dev.flywheel.platform.web.Problem;
import dev.flywheel.support.RunningFlywheel;
import dev.flywheel.support.TestTenants;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.web.client.RestClient;
import tools.jackson.databind.json.JsonMapper;

/**
 * A dry run over a stored history grants what live evaluation of the same events granted: one
 * campaign runs live for five days while investments arrive (counters, a per-day cap, first-ever,
 * a customer with history before the window), then a draft with the same plan is dry-run over
 * those five days and its totals are compared with the ledger's and the decisions'. It writes
 * nothing, and finds the day a smaller budget would have run out.
 */
@RunningFlywheel
class CampaignDryRunTest {
  private static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");
  private static final AtomicInteger IDS = new AtomicInteger();
  private static final List<String> TABLES = List.of("campaigns", "campaign_versions", "campaign_audit",
      "campaign_decisions", "campaign_cap_counters", "campaign_signals", "ledger_budgets", "ledger_accounts",
      "ledger_entries", "ledger_postings", "ledger_grants", "events", "event_keys", "customers");
  @Autowired Campaigns campaigns;
  @Autowired EventIngestion ingestion;
  @Autowired Ledger ledger;
  @Autowired TestTenants tenants;
  @Autowired MovableClock clock;
  @Autowired JdbcClient jdbc;
  @LocalServerPort int port;
  TestTenants.TestTenant tenant;
  LocalDate day0;

  @BeforeEach
  void newTenant() {
    tenant = tenants.create();
    day0 = LocalDate.ofInstant(clock.instant(), SHANGHAI).plusDays(2);
  }

  @Test
  void aDryRunOverTheHistoryGrantsWhatLiveEvaluationGrantedAndWritesNothing() {
    // history before the window: c-old invested once, so its first investment in the window is not its first ever
    at(-1, 9);
    invest("c-old", "500", 0);
    long live = approved(plan("Live", day0.atStartOfDay(SHANGHAI).toInstant(), 5, Map.of(Asset.POINTS, 10_000_000L,
        Asset.LOTTERY_CHANCE, 10_000L, Asset.CASH_BACK, 10_000_000L)));
    Map<LocalDate, Long> livePointsPerDay = new LinkedHashMap<>();
    for (int day = 0; day < 5; day++) {
      at(day, 10);
      campaigns.advanceClock();
      long before = granted(live).getOrDefault(dev.flywheel.ledger.Asset.POINTS, 0L);
      for (int i = 0; i < 4 + day % 2; i++) {        // c1: beyond the per-day cap of 3
        invest("c1", String.valueOf(900 + 300 * i + day), i);
      }
      invest("c2", "12345.67", 10);                    // every day, once
      if (day % 2 == 0) {
        invest("c3", "99.99", 20);                     // small: no chance, 99 points
        invest("c-old", "2000", 30);
      }
      invest("c" + (10 + day), "5000", 40);            // a new customer each day: first ever
      livePointsPerDay.put(day0.plusDays(day),
          granted(live).getOrDefault(dev.flywheel.ledger.Asset.POINTS, 0L) - before);
    }
    assertThat(ingestion.ingest(tenant.id(), IncomingEvent.of(id("red"), "c2", "redemption", clock.instant(),
        Map.of("amount", new BigDecimal("100"), "investment_event_id", "inv-1")))).as("the redemption fix")
        .isInstanceOf(IngestionResult.Accepted.class);
    at(6, 10);
    campaigns.advanceClock();
    assertThat(campaigns.find(tenant.id(), live).orElseThrow().status()).isEqualTo(CampaignStatus.ENDED);

    long draft = created(plan("Draft", clock.instant().plus(Duration.ofDays(1)), 30, Map.of(Asset.POINTS, 10_000_000L,
        Asset.LOTTERY_CHANCE, 10_000L, Asset.CASH_BACK, 10_000_000L)));
    Instant from = day0.atStartOfDay(SHANGHAI).toInstant();
    Instant to = day0.plusDays(5).atStartOfDay(SHANGHAI).toInstant();
    Map<String, Long> rowsBefore = rows();
    DryRunReport report = campaigns.dryRun(tenant.id(), draft, from, to);
    assertThat(rows()).as("a dry run writes nothing").isEqualTo(rowsBefore);

    Map<dev.flywheel.ledger.Asset, Long> granted = granted(live);
    LiveFigures figures = campaigns.liveFigures(tenant.id(), live, from, clock.instant());
    assertThat(report.assets()).allSatisfy(a -> {
      assertThat(a.units()).as(a.asset() + " units").isEqualTo(granted.get(dev.flywheel.ledger.Asset.valueOf(a.asset().name())));
      assertThat(a.grants()).as(a.asset() + " grants").isEqualTo(figures.grants().get(a.asset()));
      assertThat(a.runsOutOn()).isNull();
    });
    assertThat(report.assets()).extracting(DryRunReport.AssetCost::asset)
        .containsExactly(Asset.POINTS, Asset.CASH_BACK, Asset.LOTTERY_CHANCE);
    assertThat(report.participants()).isEqualTo(figures.participants()).isEqualTo(9);
    assertThat(report.applications()).isEqualTo(jdbc.sql("select count(*) from campaign_decisions where tenant_id = :t"
        + " and campaign_id = :c and applied").param("t", tenant.id()).param("c", live).query(Long.class).single());
    assertThat(report.outcomes()).containsKeys("APPLIED", "CAP_REACHED");
    assertThat(report.outcomes().get("CAP_REACHED")).isEqualTo(5);
    assertThat(report.assets().stream().filter(a -> a.asset() == Asset.CASH_BACK).findFirst().orElseThrow().yuan())
        .isEqualTo(new BigDecimal(granted.get(dev.flywheel.ledger.Asset.CASH_BACK)).movePointLeft(2).toPlainString());
    assertThat(report.days()).hasSize(5).allSatisfy(d -> assertThat(d.units().get(Asset.POINTS))
        .isEqualTo(livePointsPerDay.get(d.day())));
    assertThat(report.eventsScanned()).isEqualTo(jdbc.sql("""
            select count(*) from events where tenant_id = :t and type = 'investment'
               and occurred_at >= :from and occurred_at < :to""").param("t", tenant.id())
        .param("from", java.sql.Timestamp.from(from)).param("to", java.sql.Timestamp.from(to)).query(Long.class).single());
    assertThat(report.budgetRunsOutOn()).isNull();

    // the same history with a points budget one point above day 0's cost runs out on day 1
    long small = created(plan("Small", clock.instant().plus(Duration.ofDays(1)), 30, Map.of(
        Asset.POINTS, livePointsPerDay.get(day0) + 1, Asset.LOTTERY_CHANCE, 10_000L, Asset.CASH_BACK, 10_000_000L)));
    rowsBefore = rows();
    DryRunReport tight = campaigns.dryRun(tenant.id(), small, from, to);
    assertThat(tight.budgetRunsOutOn()).isEqualTo(day0.plusDays(1));
    assertThat(tight.assets()).filteredOn(a -> a.asset() == Asset.POINTS).singleElement()
        .satisfies(a -> assertThat(a.runsOutOn()).isEqualTo(day0.plusDays(1)));
    assertThat(rows()).isEqualTo(rowsBefore);
  }

  @Test
  void theApiAnswersTheReportAndRefusesAWindowInTheFuture() {
    at(0, 10);
    invest("c1", "1500", 0);
    at(1, 10);
    long draft = created(plan("Draft", clock.instant().plus(Duration.ofDays(1)), 30, Map.of(Asset.POINTS, 100L,
        Asset.LOTTERY_CHANCE, 10L, Asset.CASH_BACK, 10_000L)));
    var ok = post("/api/v1/campaigns/" + draft + "/dry-run", Map.of("from", clock.instant().minus(Duration.ofDays(2))
        .toString(), "to", clock.instant().toString()));
    assertThat(ok.status()).isEqualTo(200);
    assertThat(ok.body()).containsEntry("campaign_id", (int) draft).containsEntry("events_scanned", 1)
        .containsEntry("participants", 1).containsEntry("budget_runs_out_on", day0.toString())
        .containsKeys("assets", "days", "outcomes", "time_zone");
    var future = post("/api/v1/campaigns/" + draft + "/dry-run", Map.of("from", clock.instant().toString(),
        "to", clock.instant().plus(Duration.ofDays(1)).toString()));
    assertThat(future.status()).isEqualTo(422);
    assertThat(future.body()).containsEntry("code", "invalid-window");
    assertThat(post("/api/v1/campaigns/999999999/dry-run", Map.of("from", clock.instant().minus(Duration.ofDays(1))
        .toString(), "to", clock.instant().toString())).status()).isEqualTo(404);
  }

  @Test
  void checkAnswersWhatUpdateWouldWithoutWritingOrLocking() {
    at(0, 10);
    long draft = created(plan("Draft", clock.instant().plus(Duration.ofDays(1)), 30, Map.of(Asset.POINTS, 100L,
        Asset.LOTTERY_CHANCE, 10L, Asset.CASH_BACK, 10_000L)));
    CampaignPlan plan = campaigns.find(tenant.id(), draft).orElseThrow().plan();
    assertThat(campaigns.check(tenant.id(), draft, plan)).isEmpty();
    Map<String, Long> before = rows();
    var bad = plan.withRules(List.of(new RuleDefinition("r1", "r1", "investment", "event.amount_fen >\n  (1 +",
        List.of(EffectDefinition.Grant.of(Asset.POINTS, "1")))));
    var issues = campaigns.check(tenant.id(), draft, bad);
    assertThat(issues).singleElement().satisfies(i -> {
      assertThat(i.field()).isEqualTo("rules[0].condition");
      assertThat(RuleIssue.of(i)).hasValueSatisfying(r -> {
        assertThat(r.ruleId()).isEqualTo("r1");
        assertThat(r.field()).isEqualTo("rules[0].condition");
        assertThat(r.line()).isEqualTo(2);
        assertThat(r.column()).isPositive();
      });
    });
    assertThat(rows()).isEqualTo(before);
    assertThatThrownBy(() -> campaigns.check(tenant.id(), 999_999_999L, plan)).isInstanceOf(Problem.class);
  }

  @Test
  void countedTypesComeFromCountTodayLiteralsOrEveryTypeWhenComputed() {
    var counting = new RuleDefinition("r", "r", "investment", "count_today(\"app_login\") > 0 && count_today('share') < 2",
        List.of(EffectDefinition.Grant.of(Asset.POINTS, "1")));
    assertThat(CampaignDryRun.counted(planWith(counting))).containsExactlyInAnyOrder("app_login", "share");
    var computed = new RuleDefinition("r", "r", "investment", "count_today(event.type) > 1",
        List.of(EffectDefinition.Grant.of(Asset.POINTS, "1")));
    assertThat(CampaignDryRun.counted(planWith(computed))).isNull();
  }

  // --- fixtures ---

  private static CampaignPlan planWith(RuleDefinition rule) {
    return new CampaignPlan("p", null, null, null, null, null, List.of(rule), Map.of(), null, null, null, null, null,
        null, null);
  }

  private CampaignPlan plan(String name, Instant starts, int days, Map<Asset, Long> budget) {
    List<RuleDefinition> rules = List.of(
        new RuleDefinition("first-today", "first today", "investment", "is_first_today",
            List.of(EffectDefinition.Grant.of(Asset.POINTS, "event.amount_fen / 1000"))),
        new RuleDefinition("chance", "chance", "investment", "event.amount_fen > 100000 && count_today(\"investment\") <= 4",
            List.of(EffectDefinition.Grant.of(Asset.LOTTERY_CHANCE, "1"))),
        new RuleDefinition("welcome", "welcome", "investment", "is_first_ever",
            List.of(EffectDefinition.Grant.of(Asset.CASH_BACK, "888"), EffectDefinition.Grant.of(Asset.POINTS, "5"))));
    return new CampaignPlan(name, "purpose", "theme", Window.of(starts, starts.plus(Duration.ofDays(days))), "content",
        "process", rules, new EnumMap<>(budget), "owner", List.of(), null, List.of("banner"), 0, false, Caps.perDay(3));
  }

  private long created(CampaignPlan plan) {
    var result = campaigns.create(tenant.id(), plan, tenant.user(Role.OPERATOR));
    assertThat(result).isInstanceOf(CampaignResult.Done.class);
    return ((CampaignResult.Done) result).campaign().id();
  }

  private long approved(CampaignPlan plan) {
    long id = created(plan);
    assertThat(campaigns.submit(tenant.id(), id, tenant.user(Role.OPERATOR))).isInstanceOf(CampaignResult.Done.class);
    assertThat(campaigns.approve(tenant.id(), id, tenant.user(Role.APPROVER), "ok"))
        .isInstanceOf(CampaignResult.Done.class);
    return id;
  }

  private void at(int day, int hour) {
    clock.set(day0.plusDays(day).atTime(LocalTime.of(hour, 0)).atZone(SHANGHAI).toInstant());
  }

  private static String id(String prefix) {
    return prefix + "-" + IDS.incrementAndGet() + "-" + System.nanoTime() % 100_000;
  }

  /** An investment {@code minutes} after the clock's hour (the clock is then moved there). */
  private void invest(String customer, String yuan, int minutes) {
    Instant at = clock.instant().plus(Duration.ofMinutes(minutes)).plusSeconds(IDS.get() % 50);
    clock.set(at);
    var result = ingestion.ingest(tenant.id(), IncomingEvent.of(id("inv"), customer, "investment", at,
        Map.of("amount", new BigDecimal(yuan), "product", "p7", "term_days", 7)));
    assertThat(result).isInstanceOf(IngestionResult.Accepted.class);
  }

  private Map<dev.flywheel.ledger.Asset, Long> granted(long campaignId) {
    Map<dev.flywheel.ledger.Asset, Long> out = new EnumMap<>(dev.flywheel.ledger.Asset.class);
    ledger.budget(tenant.id(), campaignId).lines().forEach((asset, line) -> out.put(asset, line.granted()));
    return out;
  }

  private Map<String, Long> rows() {
    Map<String, Long> counts = new LinkedHashMap<>();
    for (String table : TABLES) {
      counts.put(table, jdbc.sql("select count(*) from " + table).query(Long.class).single());
    }
    return counts;
  }

  private record Response(int status, Map<String, Object> body) {}

  @SuppressWarnings("unchecked")
  private Response post(String uri, Object body) {
    JsonMapper json = JsonMapper.builder().build();
    return RestClient.create("http://localhost:" + port).post().uri(uri)
        .header("Authorization", "Bearer " + tenant.apiKey()).contentType(MediaType.APPLICATION_JSON)
        .body(json.writeValueAsString(body))
        .exchange((req, res) -> {
          String raw = new String(res.getBody().readAllBytes());
          return new Response(res.getStatusCode().value(), raw.isBlank() ? Map.of() : json.readValue(raw, Map.class));
        });
  }
}
