package dev.flywheel.lottery;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flywheel.ledger.Ledger;
import dev.flywheel.ledger.LedgerInvariants;
import dev.flywheel.platform.customersession.CustomerSessions;
import dev.flywheel.platform.time.MovableClock;
import dev.flywheel.support.ApiClient;
import dev.flywheel.support.RunningFlywheel;
import dev.flywheel.support.TestTenants;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/** The lottery over HTTP: the app backend's API (API key) and the customer's endpoints (session token). */
@RunningFlywheel
class LotteryApiTest {
  @Autowired TestTenants tenants;
  @Autowired Lotteries lotteries;
  @Autowired Fulfilments fulfilments;
  @Autowired Ledger ledger;
  @Autowired CustomerSessions sessions;
  @Autowired MovableClock clock;
  @Autowired JdbcClient jdbc;
  @LocalServerPort int port;

  @AfterEach
  void invariantsHold() {
    LedgerInvariants.assertHold(jdbc);
  }

  private Map<String, Object> body(List<Map<String, Object>> prizes) {
    Map<String, Object> body = new HashMap<>();
    body.put("name", "Spring wheel");
    body.put("starts_at", clock.instant().minus(Duration.ofMinutes(1)).toString());
    body.put("ends_at", clock.instant().plus(Duration.ofDays(7)).toString());
    body.put("prizes", prizes);
    return body;
  }

  private static Map<String, Object> prize(String name, String kind, int weight, Integer stock, long amount, long value,
      int tier) {
    Map<String, Object> p = new HashMap<>();
    p.put("name", name);
    p.put("kind", kind);
    p.put("weight", weight);
    p.put("stock", stock);
    p.put("amount", amount);
    p.put("value", value);
    p.put("tier", tier);
    return p;
  }

  @Test
  void createShowsTheExpectedCostLaunchFundsThenCustomersDraw() {
    TestTenants.TestTenant tenant = tenants.create();
    ApiClient api = new ApiClient(port, tenant.apiKey());
    var created = api.post("/api/v1/lotteries", body(List.of(
        prize("Red envelope 8.88", "CASH", 1, 10, 888, 888, 2),
        prize("50 points", "POINTS", 3, 100, 50, 5, 1),
        prize("Thank you", "THANK_YOU", 6, null, 0, 0, 0))));
    assertThat(created.status()).isEqualTo(201);
    long id = ((Number) created.get("id")).longValue();
    assertThat(created.<String>get("status")).isEqualTo("DRAFT");
    // (1 × 888 + 3 × 5 + 6 × 0) / 10 = 90.30 fen per draw
    assertThat(created.<Number>get("expected_cost_per_draw").doubleValue()).isEqualTo(90.30);

    assertThat(api.post("/api/v1/lotteries/" + id + "/launch", Map.of()).<String>get("status")).isEqualTo("LIVE");
    var shown = api.get("/api/v1/lotteries/" + id);
    assertThat(shown.<Number>get("budget.CASH_BACK.funded").longValue()).isEqualTo(8_880);
    assertThat(shown.<Number>get("budget.POINTS.funded").longValue()).isEqualTo(5_000);
    assertThat(api.post("/api/v1/lotteries/" + id + "/launch", Map.of()).code()).isEqualTo("not-draft");
    assertThat(api.put("/api/v1/lotteries/" + id, body(List.of(prize("Thank you", "THANK_YOU", 1, null, 0, 0, 0))))
        .code()).isEqualTo("not-draft");

    new LotteryFixtures(lotteries, ledger, clock).chances(tenant.id(), "c-1", 2);
    var drawn = api.post("/api/v1/lotteries/" + id + "/draws", Map.of("customer_id", "c-1", "request_id", "app-1"));
    assertThat(drawn.status()).isEqualTo(201);
    assertThat(drawn.<Number>get("chances_left").longValue()).isEqualTo(1);
    var replay = api.post("/api/v1/lotteries/" + id + "/draws", Map.of("customer_id", "c-1", "request_id", "app-1"));
    assertThat(replay.status()).isEqualTo(200);
    assertThat(replay.<Boolean>get("replayed")).isTrue();
    assertThat(replay.<Number>get("draw_id")).isEqualTo(drawn.get("draw_id"));

    ApiClient customer = new ApiClient(port, sessions.issue(tenant.id(), "c-1", null).token());
    var mine = customer.get("/api/v1/customer/lotteries/" + id);
    assertThat(mine.<Number>get("chances").longValue()).isEqualTo(1);
    assertThat(mine.<List<?>>get("draws")).hasSize(1);
    var own = customer.post("/api/v1/customer/lotteries/" + id + "/draws", Map.of("request_id", "h5-1"));
    assertThat(own.status()).isEqualTo(201);
    assertThat(own.<String>get("customer_id")).isEqualTo("c-1");
    var none = customer.post("/api/v1/customer/lotteries/" + id + "/draws", Map.of("request_id", "h5-2"));
    assertThat(none.status()).isEqualTo(409);
    assertThat(none.code()).isEqualTo("no-chances");
    assertThat(api.get("/api/v1/lotteries/" + id + "/draws?customer_id=c-1").<List<?>>get("items")).hasSize(2);

    clock.advance(Duration.ofDays(8));
    var late = api.post("/api/v1/lotteries/" + id + "/draws", Map.of("customer_id", "c-1", "request_id", "late"));
    assertThat(late.status()).isEqualTo(409);
    assertThat(late.code()).isEqualTo("lottery-ended");
  }

  @Test
  void badPoolsAndRequestsAreProblemDetailsAndWriteNothing() {
    TestTenants.TestTenant tenant = tenants.create();
    ApiClient api = new ApiClient(port, tenant.apiKey());
    var bad = api.post("/api/v1/lotteries", body(List.of(
        prize("Minus", "POINTS", -1, -5, 10, 10, 1),
        prize("No amount", "CASH", 1, 5, 0, 10, 1))));
    assertThat(bad.status()).isEqualTo(422);
    assertThat(bad.code()).isEqualTo("validation-failed");
    assertThat(bad.<List<Map<String, Object>>>get("errors")).extracting(e -> e.get("field") + ":" + e.get("code"))
        .contains("prizes[0].weight:negative", "prizes[0].stock:negative", "prizes[1].amount:out-of-range",
            "prizes:thank-you-required");
    Map<String, Object> reversed = body(List.of(prize("Thank you", "THANK_YOU", 1, null, 0, 0, 0)));
    reversed.put("ends_at", clock.instant().minus(Duration.ofDays(1)).toString());
    assertThat(api.post("/api/v1/lotteries", reversed).<List<Map<String, Object>>>get("errors"))
        .extracting(e -> e.get("field")).contains("ends_at");
    Map<String, Object> guarantee = body(List.of(prize("Thank you", "THANK_YOU", 1, null, 0, 0, 0)));
    guarantee.put("guarantee", Map.of("tier", 3, "draws", 10));
    assertThat(api.post("/api/v1/lotteries", guarantee).<List<Map<String, Object>>>get("errors"))
        .extracting(e -> e.get("field")).contains("guarantee.tier");
    assertThat(api.get("/api/v1/lotteries").<List<?>>get("items")).isEmpty();

    assertThat(api.get("/api/v1/lotteries/999999999").status()).isEqualTo(404);
    var unknown = api.post("/api/v1/lotteries/999999999/draws", Map.of("customer_id", "c", "request_id", "r"));
    assertThat(unknown.status()).isEqualTo(404);
    assertThat(unknown.code()).isEqualTo("not-found");
    assertThat(api.post("/api/v1/lotteries/1/draws", Map.of("customer_id", "c")).<List<Map<String, Object>>>get("errors"))
        .extracting(e -> e.get("field")).containsExactly("request_id");
    assertThat(api.post("/api/v1/lotteries/1/draws", Map.of("request_id", "r")).<List<Map<String, Object>>>get("errors"))
        .extracting(e -> e.get("field")).containsExactly("customer_id");

    var other = tenants.create();
    var created = api.post("/api/v1/lotteries", body(List.of(prize("Thank you", "THANK_YOU", 1, null, 0, 0, 0))));
    long id = ((Number) created.get("id")).longValue();
    assertThat(new ApiClient(port, other.apiKey()).get("/api/v1/lotteries/" + id).status())
        .as("another tenant's lottery").isEqualTo(404);
    assertThat(new ApiClient(port, sessions.issue(tenant.id(), "c-1", null).token())
        .get("/api/v1/customer/lotteries/" + id).status()).as("a draft is not shown to customers").isEqualTo(404);
    ApiClient stranger = new ApiClient(port, sessions.issue(other.id(), "c-1", null).token());
    assertThat(stranger.get("/api/v1/customer/lotteries/" + id).status()).isEqualTo(404);
  }

  @Test
  void aPhysicalPrizeGoesFromAddressToShippedToReceived() {
    TestTenants.TestTenant tenant = tenants.create();
    LotteryFixtures fixtures = new LotteryFixtures(lotteries, ledger, clock);
    Lottery lottery = fixtures.live(tenant.id(), null,
        List.of(LotteryFixtures.physical("Kettle", 1, 3, 15_000, 2), LotteryFixtures.thankYou(0)));
    fixtures.chances(tenant.id(), "winner", 1);
    ApiClient customer = new ApiClient(port, sessions.issue(tenant.id(), "winner", null).token());
    var drawn = customer.post("/api/v1/customer/lotteries/" + lottery.id() + "/draws", Map.of("request_id", "k-1"));
    assertThat(drawn.<String>get("prize.kind")).isEqualTo("PHYSICAL");
    assertThat(drawn.<String>get("fulfilment.status")).isEqualTo("PENDING_ADDRESS");
    long task = ((Number) drawn.get("fulfilment.id")).longValue();
    assertThat(fulfilments.list(tenant.id(), FulfilmentStatus.PENDING_ADDRESS)).extracting(Fulfilment::id)
        .containsExactly(task);

    String path = "/api/v1/customer/lotteries/" + lottery.id() + "/fulfilments/" + task;
    assertThat(customer.post(path + "/address", Map.of("recipient", "", "phone", "x", "address", "")).code())
        .isEqualTo("validation-failed");
    ApiClient thief = new ApiClient(port, sessions.issue(tenant.id(), "thief", null).token());
    assertThat(thief.post(path + "/address", Map.of("recipient", "T", "phone", "13800000000", "address", "Elsewhere"))
        .status()).as("only the winner").isEqualTo(404);
    assertThat(customer.post(path + "/received", Map.of()).code()).isEqualTo("wrong-status");
    var addressed = customer.post(path + "/address",
        Map.of("recipient", "Li Lei", "phone", "+86 138 0000 0000", "address", "1 Century Ave, Shanghai"));
    assertThat(addressed.<String>get("status")).isEqualTo("TO_SHIP");

    assertThat(fulfilments.advance(tenant.id(), task, FulfilmentStatus.TO_SHIP, "SF123", "employee@x"))
        .isInstanceOf(Fulfilments.Step.Done.class);
    assertThat(fulfilments.advance(tenant.id(), task, FulfilmentStatus.TO_SHIP, "SF124", "employee@x"))
        .as("a step is taken once").isInstanceOf(Fulfilments.Step.Refused.class);
    assertThat(customer.post(path + "/address", Map.of("recipient", "Li", "phone", "13800000000", "address", "New"))
        .code()).as("too late to change the address").isEqualTo("wrong-status");
    var received = customer.post(path + "/received", Map.of());
    assertThat(received.<String>get("status")).isEqualTo("RECEIVED");
    assertThat(received.<String>get("tracking_no")).isEqualTo("SF123");
    assertThat(fulfilments.get(tenant.id(), task).orElseThrow().address()).isEqualTo("1 Century Ave, Shanghai");
  }
}
