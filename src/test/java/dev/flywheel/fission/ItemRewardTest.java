package dev.flywheel.fission;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flywheel.ledger.Asset;
import dev.flywheel.ledger.CatalogItem;
import dev.flywheel.ledger.Ledger;
import dev.flywheel.ledger.LedgerInvariants;
import dev.flywheel.ledger.PointsMall;
import dev.flywheel.ledger.Wallet;
import dev.flywheel.platform.time.MovableClock;
import dev.flywheel.platform.security.Role;
import dev.flywheel.support.ApiClient;
import dev.flywheel.support.ConsoleSession;
import dev.flywheel.support.RunningFlywheel;
import dev.flywheel.support.Race;
import dev.flywheel.support.TestTenants;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/** A points-mall catalog item as the fission reward: paid from the activity's points budget, redeemed once. */
@RunningFlywheel
class ItemRewardTest {
  @Autowired TestTenants tenants;
  @Autowired PointsMall mall;
  @Autowired Ledger ledger;
  @Autowired Activities activities;
  @Autowired Tasks tasks;
  @Autowired Helps helps;
  @Autowired Redemptions redemptions;
  @Autowired MovableClock clock;
  @Autowired JdbcClient jdbc;
  @LocalServerPort int port;

  @Test
  void theItemIsRedeemedExactlyOnceUnderRacingRedeemersAndAnEmptyStockRefusesWritingNothing() throws Exception {
    var tenant = tenants.create();
    ApiClient api = new ApiClient(port, tenant.apiKey());
    CatalogItem tote = mall.addItem(tenant.id(), "Tote bag", 500, 1);

    Map<String, Object> body = body(Map.of("asset", "POINTS", "amount", 1, "max_rewards", 5,
        "catalog_item_id", tote.id() + 1_000_000));
    ApiClient.Response unknown = api.post("/api/v1/fission/activities", body);
    assertThat(unknown.status()).isEqualTo(422);
    assertThat(unknown.raw()).contains("\"field\":\"reward.catalog_item_id\"").contains("unknown-item");
    ApiClient.Response cash = api.post("/api/v1/fission/activities", body(Map.of("asset", "CASH_BACK", "amount", 1,
        "max_rewards", 5, "catalog_item_id", tote.id())));
    assertThat(cash.status()).isEqualTo(422);
    assertThat(cash.raw()).contains("catalog-item-needs-points");
    CatalogItem foreign = mall.addItem(tenants.create().id(), "Elsewhere", 10, 10);
    assertThat(api.post("/api/v1/fission/activities", body(Map.of("asset", "POINTS", "amount", 1, "max_rewards", 5,
        "catalog_item_id", foreign.id()))).status()).as("another tenant's item").isEqualTo(422);

    ApiClient.Response created = api.post("/api/v1/fission/activities", body(Map.of("asset", "POINTS", "amount", 1,
        "max_rewards", 5, "catalog_item_id", tote.id())));
    assertThat(created.status()).isEqualTo(201);
    assertThat(((Number) created.get("reward.catalog_item_id")).longValue()).isEqualTo(tote.id());
    Activity activity = activities.get(tenant.id(), ((Number) created.get("id")).longValue()).orElseThrow();
    assertThat(activities.budget(tenant.id(), activity.id()).lines().get(Asset.POINTS).funded())
        .as("5 rewards × 500 points").isEqualTo(2_500);

    Task first = completed(tenant.id(), activity, "owner-1", "a");
    Task second = completed(tenant.id(), activity, "owner-2", "b");
    List<RedeemOutcome> raced = Race.run(8, i -> Race.retryingDeadlocks(() ->
        redemptions.redeem(tenant.id(), first.id(), null, "employee-" + i)));
    assertThat(raced).allMatch(RedeemOutcome.Redeemed.class::isInstance);
    assertThat(raced).map(o -> ((RedeemOutcome.Redeemed) o).replayed()).filteredOn(r -> !r).hasSize(1);
    assertThat(raced).map(o -> ((RedeemOutcome.Redeemed) o).grantId()).containsOnly(
        ((RedeemOutcome.Redeemed) raced.getFirst()).grantId());
    assertThat(stock(tote.id())).isZero();
    assertThat(jdbc.sql("select count(*) from ledger_exchanges where request_id = :r")
        .param("r", "fission-task-" + first.id()).query(Long.class).single()).isEqualTo(1);
    Wallet owner = ledger.wallet(tenant.id(), "owner-1");
    assertThat(owner.balances().get(Asset.POINTS).available()).as("granted 500, spent on the item").isZero();
    assertThat(owner.history()).extracting(Wallet.Movement::amount).containsExactlyInAnyOrder(500L, -500L);

    RedeemOutcome empty = redemptions.redeem(tenant.id(), second.id(), null, "employee");
    assertThat(empty).isEqualTo(new RedeemOutcome.Refused("reward-out-of-stock", ((RedeemOutcome.Refused) empty).detail()));
    assertThat(tasks.get(tenant.id(), second.id()).orElseThrow().redeemed()).isFalse();
    assertThat(ledger.wallet(tenant.id(), "owner-2").balances().getOrDefault(Asset.POINTS, Wallet.Balance.EMPTY)
        .available()).as("the points grant rolled back with the refused exchange").isZero();
    var line = activities.budget(tenant.id(), activity.id()).lines().get(Asset.POINTS);
    assertThat(line.remaining()).isEqualTo(2_000);
    assertThat(line.granted()).isEqualTo(500);
    ApiClient.Response again = api.post("/api/v1/fission/tasks/" + second.id() + "/redemption", Map.of());
    assertThat(again.status()).isEqualTo(409);
    assertThat(again.code()).isEqualTo("reward-out-of-stock");
    assertThat(api.post("/api/v1/fission/tasks/" + first.id() + "/redemption", Map.of()).<Boolean>get("replayed"))
        .isTrue();
    LedgerInvariants.assertHold(jdbc);
  }

  @Test
  void anOperatorPicksTheCatalogItemInTheConsoleForm() {
    var tenant = tenants.create();
    CatalogItem cup = mall.addItem(tenant.id(), "Mug", 300, 10);
    ConsoleSession operator = new ConsoleSession(port).login(tenant.user(Role.OPERATOR), TestTenants.PASSWORD);
    assertThat(operator.get("/console/fission/new").body()).contains("name=\"catalogItem\"");
    var zone = java.time.ZoneId.of("Asia/Shanghai");
    Map<String, String> form = new HashMap<>(Map.of("name", "Mug invite", "helpersNeeded", "2",
        "rewardAsset", "POINTS", "rewardAmount", "2", "maxRewards", "10", "catalogItem", String.valueOf(cup.id()),
        "qrX", "435", "qrY", "1040", "qrSize", "200"));
    form.put("startsAt", java.time.LocalDateTime.ofInstant(clock.instant(), zone).withNano(0).toString());
    form.put("endsAt", java.time.LocalDateTime.ofInstant(clock.instant().plus(Duration.ofDays(5)), zone).withNano(0)
        .toString());
    assertThat(operator.post("/console/fission/new", "/console/fission/new", form).statusCode()).isEqualTo(302);
    Activity a = activities.list(tenant.id()).getFirst();
    assertThat(a.rewardCatalogItem()).isEqualTo(cup.id());
    assertThat(activities.budget(tenant.id(), a.id()).lines().get(Asset.POINTS).funded()).isEqualTo(300 * 2 * 10);
  }

  private Task completed(long tenantId, Activity activity, String owner, String prefix) {
    Task task = ((Tasks.Start.Started) tasks.start(tenantId, activity.id(), owner, "dev-" + owner, null)).task();
    for (int i = 0; i < 2; i++) {
      String helper = prefix + "-helper-" + i;
      assertThat(helps.help(new HelpRequest(tenantId, tasks.invite(task, activity), helper, "d-" + helper, "ip-" + helper)))
          .isInstanceOf(HelpOutcome.Counted.class);
    }
    return tasks.get(tenantId, task.id()).orElseThrow();
  }

  private long stock(long itemId) {
    return jdbc.sql("select stock from ledger_catalog_items where id = :i").param("i", itemId).query(Long.class).single();
  }

  private Map<String, Object> body(Map<String, Object> reward) {
    Map<String, Object> body = new HashMap<>();
    body.put("name", "Tote invite");
    body.put("starts_at", clock.instant().minus(Duration.ofMinutes(1)).toString());
    body.put("ends_at", clock.instant().plus(Duration.ofDays(3)).toString());
    body.put("helpers_needed", 2);
    body.put("new_customers_only", false);
    body.put("reward", reward);
    return body;
  }
}
