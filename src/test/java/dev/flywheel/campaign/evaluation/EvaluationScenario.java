package dev.flywheel.campaign.evaluation;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flywheel.campaign.Asset;
import dev.flywheel.campaign.CampaignPlan;
import dev.flywheel.campaign.CampaignResult;
import dev.flywheel.campaign.Campaigns;
import dev.flywheel.campaign.Caps;
import dev.flywheel.campaign.EffectDefinition;
import dev.flywheel.campaign.RuleDefinition;
import dev.flywheel.campaign.Window;
import dev.flywheel.ledger.Ledger;
import dev.flywheel.ledger.Wallet;
import dev.flywheel.platform.security.Role;
import dev.flywheel.platform.time.MovableClock;
import dev.flywheel.support.TestTenants;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.web.client.RestClient;
import tools.jackson.databind.json.JsonMapper;

/**
 * Scenario support: a fresh tenant (zone Asia/Shanghai), campaigns built with
 * {@link #aCampaign(String)} that run from day 0 of the scenario once {@link #day(int)} moves the
 * clock there (10:00 local), events posted over HTTP, and reads of grants and decisions.
 */
abstract class EvaluationScenario {
  static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");
  static final JsonMapper JSON = JsonMapper.builder().build();
  private static final AtomicInteger IDS = new AtomicInteger();
  @Autowired Campaigns campaigns;
  @Autowired Ledger ledger;
  @Autowired TestTenants tenants;
  @Autowired MovableClock clock;
  @Autowired JdbcClient jdbc;
  @LocalServerPort int port;
  TestTenants.TestTenant tenant;
  LocalDate day0;

  @BeforeEach
  void newTenantAndDays() {
    tenant = tenants.create();
    day0 = LocalDate.ofInstant(clock.instant(), SHANGHAI).plusDays(2);
  }

  /** Moves the clock to 10:00 (Shanghai) of scenario day {@code n} and lets campaigns start/end. */
  Instant day(int n) {
    Instant at = day0.plusDays(n).atTime(LocalTime.of(10, 0)).atZone(SHANGHAI).toInstant();
    clock.set(at);
    campaigns.advanceClock();
    return at;
  }

  CampaignBuilder aCampaign(String name) {
    return new CampaignBuilder(name);
  }

  static RuleDefinition rule(String id, String condition, EffectDefinition... effects) {
    return new RuleDefinition(id, id, "investment", condition, List.of(effects));
  }

  final class CampaignBuilder {
    private final String name;
    private final List<RuleDefinition> rules = new ArrayList<>();
    private final Map<Asset, Long> budget = new EnumMap<>(Asset.class);
    private Caps caps = Caps.NONE;
    private int priority;
    private boolean exclusive;

    CampaignBuilder(String name) {
      this.name = name;
    }

    CampaignBuilder rule(RuleDefinition r) {
      rules.add(r);
      return this;
    }

    CampaignBuilder budget(Asset asset, long units) {
      budget.put(asset, units);
      return this;
    }

    CampaignBuilder caps(Caps c) {
      this.caps = c;
      return this;
    }

    CampaignBuilder priority(int p) {
      this.priority = p;
      return this;
    }

    CampaignBuilder exclusive(int p) {
      this.exclusive = true;
      this.priority = p;
      return this;
    }

    /** Created by the operator, approved by the approver; runs from day 0 for 30 days. */
    long approved() {
      Instant starts = day0.atStartOfDay(SHANGHAI).toInstant();
      var plan = new CampaignPlan(name, "purpose", "theme", Window.of(starts, starts.plus(java.time.Duration.ofDays(30))),
          "content", "process", rules, budget, "owner", List.of(), null, List.of("banner"), priority, exclusive, caps);
      String operator = tenant.user(Role.OPERATOR);
      long id = done(campaigns.create(tenant.id(), plan, operator));
      done(campaigns.submit(tenant.id(), id, operator));
      done(campaigns.approve(tenant.id(), id, tenant.user(Role.APPROVER), "ok"));
      return id;
    }

    private long done(CampaignResult result) {
      assertThat(result).isInstanceOf(CampaignResult.Done.class);
      return ((CampaignResult.Done) result).campaign().id();
    }
  }

  // --- events over HTTP ---

  static String newId(String prefix) {
    return prefix + "-" + IDS.incrementAndGet() + "-" + System.nanoTime() % 100_000;
  }

  static Map<String, Object> event(String id, String customer, String type, Instant at, Map<String, Object> attributes) {
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("event_id", id);
    json.put("customer_id", customer);
    json.put("type", type);
    json.put("occurred_at", at.toString());
    json.put("attributes", attributes);
    return json;
  }

  static Map<String, Object> investment(String id, String customer, Instant at, String yuan) {
    return event(id, customer, "investment", at, Map.of("amount", new java.math.BigDecimal(yuan), "product", "p7",
        "term_days", 7));
  }

  Response invest(String customer, String yuan) {
    return post("/api/v1/events", investment(newId("inv"), customer, clock.instant(), yuan));
  }

  record Response(int status, Map<String, Object> body) {
    @SuppressWarnings("unchecked")
    List<Map<String, Object>> grants() {
      return (List<Map<String, Object>>) ((Map<String, Object>) body.get("effects")).get("grants");
    }

    @SuppressWarnings("unchecked")
    Map<String, Object> effects() {
      return (Map<String, Object>) body.get("effects");
    }

    String eventId() {
      return (String) body.get("event_id");
    }
  }

  Response post(String uri, Object body) {
    return call(HttpMethod.POST, uri, body);
  }

  Response get(String uri) {
    return call(HttpMethod.GET, uri, null);
  }

  @SuppressWarnings("unchecked")
  private Response call(HttpMethod method, String uri, Object body) {
    var spec = RestClient.create("http://localhost:" + port).method(method).uri(uri)
        .header("Authorization", "Bearer " + tenant.apiKey());
    if (body != null) {
      spec = spec.contentType(MediaType.APPLICATION_JSON).body(JSON.writeValueAsString(body));
    }
    return spec.exchange((req, res) -> {
      String raw = new String(res.getBody().readAllBytes());
      return new Response(res.getStatusCode().value(), raw.isBlank() ? Map.of() : JSON.readValue(raw, Map.class));
    });
  }

  // --- reads ---

  @SuppressWarnings("unchecked")
  List<Map<String, Object>> explanations(String customer, String eventId) {
    return (List<Map<String, Object>>) get("/api/v1/customers/" + customer + "/explanations?event_id=" + eventId)
        .body().get("explanations");
  }

  long grants(long campaignId) {
    return jdbc.sql("select count(*) from ledger_grants where tenant_id = :t and campaign_id = :c")
        .param("t", tenant.id()).param("c", campaignId).query(Long.class).single();
  }

  Wallet.Balance balance(String customer, dev.flywheel.ledger.Asset asset) {
    return ledger.wallet(tenant.id(), customer).balances().getOrDefault(asset, Wallet.Balance.EMPTY);
  }

  /** The ledger's invariants for this tenant: postings sum to zero, one grant per key, budgets add up. */
  void ledgerInvariantsHold() {
    assertThat(jdbc.sql("""
            select count(*) from (select asset from ledger_postings where tenant_id = :t group by asset
                                  having sum(amount) <> 0) x""").param("t", tenant.id()).query(Long.class).single())
        .as("postings sum to zero per asset").isZero();
    assertThat(jdbc.sql("""
            select count(*) from (select 1 from ledger_grants where tenant_id = :t
                                  group by campaign_id, rule_id, source_event_id having count(*) > 1) x""")
        .param("t", tenant.id()).query(Long.class).single()).as("one grant per (campaign, rule, event)").isZero();
    assertThat(jdbc.sql("""
            select count(*) from ledger_budgets b where b.tenant_id = :t and b.funded <>
              (select coalesce(sum(balance), 0) from ledger_accounts a where a.budget_id = b.id)
              + (select coalesce(sum(g.amount), 0) from ledger_grants g
                 where g.tenant_id = b.tenant_id and g.campaign_id = b.campaign_id and g.asset = b.asset)""")
        .param("t", tenant.id()).query(Long.class).single()).as("funded = remaining + granted").isZero();
  }
}
