package dev.flywheel.lottery;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flywheel.ledger.Ledger;
import dev.flywheel.platform.customersession.CustomerSessions;
import dev.flywheel.platform.security.Role;
import dev.flywheel.platform.time.MovableClock;
import dev.flywheel.support.ConsoleSession;
import dev.flywheel.support.RunningFlywheel;
import dev.flywheel.support.TestTenants;
import java.net.http.HttpResponse;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/** Console lottery pages (operator editor, employee deliveries) and the H5 page, over real HTTP. */
@RunningFlywheel
class LotteryPagesTest {
  @Autowired TestTenants tenants;
  @Autowired Lotteries lotteries;
  @Autowired Fulfilments fulfilments;
  @Autowired Draws draws;
  @Autowired Ledger ledger;
  @Autowired CustomerSessions sessions;
  @Autowired MovableClock clock;
  @LocalServerPort int port;

  private Map<String, String> form(String name) {
    LocalDateTime now = LocalDateTime.ofInstant(clock.instant(), ZoneId.of("Asia/Shanghai")).withNano(0).withSecond(0);
    Map<String, String> form = new LinkedHashMap<>();
    form.put("name", name);
    form.put("startsAt", now.minusHours(1).toString());
    form.put("endsAt", now.plusDays(3).toString());
    String[][] rows = {
        {"Kettle", "PHYSICAL", "1", "2", "", "0", "", "20000", "2"},
        {"20 points", "POINTS", "9", "100", "", "20", "", "20", "1"},
        {"Thank you", "THANK_YOU", "90", "", "", "0", "", "0", "0"},
        {"", "POINTS", "", "", "", "", "", "", ""}};
    String[] fields = {"name", "kind", "weight", "stock", "limit", "amount", "coupon", "value", "tier"};
    for (int i = 0; i < rows.length; i++) {
      for (int f = 0; f < fields.length; f++) {
        form.put("prizes[" + i + "]." + fields[f], rows[i][f]);
      }
    }
    return form;
  }

  @Test
  void anOperatorBuildsAPoolSeesTheExpectedCostAndLaunches() {
    TestTenants.TestTenant tenant = tenants.create();
    ConsoleSession operator = new ConsoleSession(port).login(tenant.user(Role.OPERATOR), TestTenants.PASSWORD);
    assertThat(operator.get("/console/lotteries/new").statusCode()).isEqualTo(200);
    Map<String, String> bad = form("Broken");
    bad.put("prizes[1].weight", "-3");
    bad.put("prizes[0].stock", "lots");
    HttpResponse<String> refused = operator.post("/console/lotteries/new", "/console/lotteries/new", bad);
    assertThat(refused.statusCode()).isEqualTo(422);
    assertThat(refused.body()).contains("data-field=\"prizes[0].stock\"");
    assertThat(lotteries.list(tenant.id())).isEmpty();

    HttpResponse<String> created = operator.post("/console/lotteries/new", "/console/lotteries/new", form("Autumn wheel"));
    assertThat(created.statusCode()).isEqualTo(302);
    Lottery lottery = lotteries.list(tenant.id()).getFirst();
    assertThat(lottery.prizes()).hasSize(3);
    String page = operator.get("/console/lotteries/" + lottery.id()).body();
    // (1 × 20000 + 9 × 20) / 100 = 201.80 fen = ¥2.02
    assertThat(page).contains("id=\"expected-cost\">¥2.02<").contains("Autumn wheel").contains("launch-lottery");
    assertThat(operator.get("/console/lotteries").body()).contains("Autumn wheel").contains("¥2.02");

    HttpResponse<String> launched = operator.post("/console/lotteries/" + lottery.id() + "/launch",
        "/console/lotteries/" + lottery.id(), Map.of());
    assertThat(launched.statusCode()).isEqualTo(302);
    assertThat(lotteries.get(tenant.id(), lottery.id()).orElseThrow().status()).isEqualTo(LotteryStatus.LIVE);
    assertThat(operator.get("/console/lotteries/" + lottery.id() + "/live").body()).contains("2 / 2");

    ConsoleSession employee = new ConsoleSession(port).login(tenant.user(Role.EMPLOYEE), TestTenants.PASSWORD);
    assertThat(employee.postRaw("/console/lotteries/" + lottery.id() + "/end", Map.of()).statusCode())
        .as("no CSRF token, no role").isEqualTo(403);
    assertThat(operator.get("/console/lottery-fulfilments").statusCode()).as("employees only").isEqualTo(403);
  }

  @Test
  void anEmployeeShipsAWonPrizeAndTheH5PageShowsIt() {
    TestTenants.TestTenant tenant = tenants.create();
    LotteryFixtures fixtures = new LotteryFixtures(lotteries, ledger, clock);
    Lottery lottery = fixtures.live(tenant.id(), null,
        List.of(LotteryFixtures.physical("Kettle", 1, 1, 20_000, 2), LotteryFixtures.thankYou(0)));
    fixtures.chances(tenant.id(), "c-9", 2);
    Draw draw = ((DrawOutcome.Drawn) draws.draw(tenant.id(), lottery.id(), "c-9", "k", "test")).draw();
    fulfilments.address(tenant.id(), lottery.id(), draw.fulfilment().id(), "c-9", "Han Meimei", "13900000000",
        "8 Nanjing Rd", "test");

    ConsoleSession employee = new ConsoleSession(port).login(tenant.user(Role.EMPLOYEE), TestTenants.PASSWORD);
    String list = employee.get("/console/lottery-fulfilments").body();
    assertThat(list).contains("Kettle").contains("Han Meimei").contains("8 Nanjing Rd");
    HttpResponse<String> shipped = employee.post("/console/lottery-fulfilments/" + draw.fulfilment().id() + "/advance",
        "/console/lottery-fulfilments", Map.of("from", "TO_SHIP", "trackingNo", "YT-77"));
    assertThat(shipped.statusCode()).isEqualTo(302);
    assertThat(fulfilments.get(tenant.id(), draw.fulfilment().id()).orElseThrow().status())
        .isEqualTo(FulfilmentStatus.SHIPPED);

    String token = sessions.issue(tenant.id(), "c-9", null).token();
    ConsoleSession phone = new ConsoleSession(port);
    HttpResponse<String> h5 = phone.get("/h5/lotteries/" + lottery.id() + "?lang=zh-CN&token=" + token);
    assertThat(h5.statusCode()).isEqualTo(200);
    assertThat(h5.body()).contains("剩余次数").contains("Kettle").contains("确认收货")
        .contains("id=\"chances\">1<").contains("name=\"viewport\"");
    assertThat(phone.get("/h5/lotteries/" + lottery.id() + "?lang=en&token=" + token).body()).contains("Chances left");
    assertThat(phone.get("/h5/lotteries/999999999?token=" + token).statusCode()).isEqualTo(404);
    assertThat(phone.get("/h5/lotteries/" + lottery.id()).statusCode()).as("no token").isEqualTo(401);
    assertThat(phone.get("/h5/assets/lottery.js").statusCode()).as("assets are public").isEqualTo(200);
  }
}
