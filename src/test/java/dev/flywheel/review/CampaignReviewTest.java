package dev.flywheel.review;

import static org.assertj.core.api.Assertions.assertThat;

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
import dev.flywheel.platform.security.Role;
import dev.flywheel.platform.time.MovableClock;
import dev.flywheel.support.ApiClient;
import dev.flywheel.support.ConsoleSession;
import dev.flywheel.support.RunningFlywheel;
import dev.flywheel.support.TestTenants;
import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
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

/** GRAI review: refused while running, figures from the campaign's grants once ended, sections versioned, Markdown. */
@RunningFlywheel
class CampaignReviewTest {
  static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");
  @Autowired TestTenants tenants;
  @Autowired Campaigns campaigns;
  @Autowired EventIngestion ingestion;
  @Autowired MovableClock clock;
  @LocalServerPort int port;

  @Test
  void reviewsAnEndedCampaignWithItsFiguresAndVersionedSections() throws Exception {
    var tenant = tenants.create();
    var api = new ApiClient(port, tenant.apiKey());
    long id = campaignWithThreeGrants(tenant);
    var running = api.get("/api/v1/campaigns/" + id + "/review");
    assertThat(running.status()).isEqualTo(409);
    assertThat(running.code()).isEqualTo("campaign-not-ended");
    assertThat(api.put("/api/v1/campaigns/" + id + "/review", Map.of("analysis", "too early")).code())
        .isEqualTo("campaign-not-ended");
    end(tenant, id);

    var fresh = api.get("/api/v1/campaigns/" + id + "/review");
    assertThat(fresh.status()).isEqualTo(200);
    assertThat(fresh.<Number>get("version").intValue()).isZero();
    List<Map<String, Object>> links = fresh.get("links");
    assertThat(links).extracting(l -> l.get("name")).containsExactly("reach", "participate", "complete", "convert");
    assertThat(((Number) links.get(1).get("result")).longValue()).as("distinct customers granted").isEqualTo(2);
    assertThat(((Number) links.get(2).get("result")).longValue()).as("grants").isEqualTo(3);
    List<Map<String, Object>> costs = fresh.get("costs");
    assertThat(costs).singleElement().satisfies(c -> {
      assertThat(c.get("asset")).isEqualTo("CASH_BACK");
      assertThat(((Number) c.get("planned")).longValue()).isEqualTo(10_000);
      assertThat(((Number) c.get("granted")).longValue()).isEqualTo(1_500);
    });

    assertThat(api.put("/api/v1/campaigns/" + id + "/review", Map.of("reached", -1)).status()).isEqualTo(422);
    var saved = api.put("/api/v1/campaigns/" + id + "/review", Map.of("participant_target", 3, "conversion_target", 2,
        "conversions", 2, "value_per_conversion", 1_500, "analysis", "Banner came late", "insights", "Start banners in warm-up"));
    assertThat(saved.status()).isEqualTo(200);
    assertThat(saved.<Number>get("version").intValue()).isEqualTo(1);
    assertThat(saved.<Number>get("roi").doubleValue()).as("(2 × 1500 − 1500) / 1500").isEqualTo(1.0);
    api.put("/api/v1/campaigns/" + id + "/review", Map.of("participant_target", 3, "conversions", 2,
        "value_per_conversion", 1_500, "analysis", "Banner came late; SMS blocked", "insights", "Start banners in warm-up"));
    var versions = api.get("/api/v1/campaigns/" + id + "/review/versions").<List<Map<String, Object>>>get("versions");
    assertThat(versions).extracting(v -> ((Number) v.get("version")).intValue()).containsExactly(2, 1);
    assertThat(versions).allSatisfy(v -> assertThat(v.get("written_by")).isNotNull());

    var md = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
            URI.create("http://localhost:" + port + "/api/v1/campaigns/" + id + "/review.md"))
        .header("Authorization", "Bearer " + tenant.apiKey()).build(), HttpResponse.BodyHandlers.ofString());
    assertThat(md.statusCode()).isEqualTo(200);
    assertThat(md.headers().firstValue("Content-Type").orElse("")).startsWith("text/markdown");
    assertThat(md.body()).contains("# Campaign review (GRAI): Spring invest", "## Goal", "Grow AUM: 3 participants",
        "| participate | 3 | 2 | 66.7 % | measured |", "| complete | — | 3 | — | measured |",
        "| CASH_BACK | 10000 |", "ROI: 100.0 %", "## Analysis", "Banner came late; SMS blocked", "## Insights",
        "Start banners in warm-up", "Review version: 2");
    assertThat(api.get("/api/v1/campaigns/999999/review").status()).isEqualTo(404);
  }

  private void end(TestTenants.TestTenant tenant, long id) {
    clock.advance(Duration.ofDays(9));
    campaigns.advanceClock();
    assertThat(campaigns.find(tenant.id(), id).orElseThrow().status()).isEqualTo(CampaignStatus.ENDED);
  }

  @Test
  void theConsolePageIsReachableFromTheCampaignAndSavesSections() {
    var tenant = tenants.create();
    long id = campaignWithThreeGrants(tenant);
    var operator = new ConsoleSession(port).login(tenant.user(Role.OPERATOR), TestTenants.PASSWORD);
    String page = "/console/campaigns/" + id + "/review";
    assertThat(operator.get(page).statusCode()).isEqualTo(409);
    assertThat(operator.get("/console/campaigns/" + id).body()).doesNotContain("id=\"campaign-review\"");
    end(tenant, id);
    assertThat(operator.get("/console/campaigns/" + id).body()).contains("id=\"campaign-review\"");
    operator.post(page, page, Map.of("participant_target", "4", "analysis", "Few saw the banner",
        "insights", "Book the splash screen"));
    var html = operator.get(page).body();
    assertThat(html).contains("Few saw the banner", "Book the splash screen", "data-link=\"participate\"", "50.0%");
    var md = operator.get(page + ".md");
    assertThat(md.body()).contains("| participate | 4 | 2 | 50.0 % | measured |", "Book the splash screen");
    var employee = new ConsoleSession(port).login(tenant.user(Role.EMPLOYEE), TestTenants.PASSWORD);
    assertThat(employee.post(page, page, Map.of("analysis", "x")).statusCode()).isEqualTo(403);
  }

  private long campaignWithThreeGrants(TestTenants.TestTenant tenant) {
    LocalDate day0 = LocalDate.ofInstant(clock.instant(), SHANGHAI).plusDays(2);
    Instant starts = day0.atStartOfDay(SHANGHAI).toInstant();
    var rule = new RuleDefinition("cash", "cash", "investment", "",
        List.of(EffectDefinition.Grant.of(Asset.CASH_BACK, "500")));
    var plan = new CampaignPlan("Spring invest", "Grow AUM: 3 participants", "spring", Window.of(starts,
        starts.plus(Duration.ofDays(7))), "content", "process", List.of(rule), Map.of(Asset.CASH_BACK, 10_000L),
        "owner", List.of(), null, List.of("banner"), 0, false, null);
    long id = ((CampaignResult.Done) campaigns.create(tenant.id(), plan, tenant.user(Role.OPERATOR))).campaign().id();
    campaigns.submit(tenant.id(), id, tenant.user(Role.OPERATOR));
    campaigns.approve(tenant.id(), id, tenant.user(Role.APPROVER), "ok");
    clock.set(day0.atTime(LocalTime.of(10, 0)).atZone(SHANGHAI).toInstant());
    campaigns.advanceClock();
    assertThat(campaigns.find(tenant.id(), id).orElseThrow().status()).isEqualTo(CampaignStatus.RUNNING);
    for (String customer : List.of("a", "b", "a")) {
      var result = ingestion.ingest(tenant.id(), IncomingEvent.of("inv-" + customer + System.nanoTime(), customer,
          "investment", clock.instant(), Map.of("amount", new BigDecimal("1000"), "product", "p7", "term_days", 7L)));
      assertThat(result).isInstanceOf(IngestionResult.Accepted.class);
    }

    return id;
  }
}
