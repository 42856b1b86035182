package dev.flywheel.lottery;

import static dev.flywheel.lottery.LotteryFixtures.cash;
import static dev.flywheel.lottery.LotteryFixtures.physical;
import static dev.flywheel.lottery.LotteryFixtures.points;
import static dev.flywheel.lottery.LotteryFixtures.thankYou;
import static org.assertj.core.api.Assertions.assertThat;

import dev.flywheel.ledger.Asset;
import dev.flywheel.ledger.Ledger;
import dev.flywheel.ledger.LedgerInvariants;
import dev.flywheel.platform.time.MovableClock;
import dev.flywheel.support.RunningFlywheel;
import dev.flywheel.support.TestTenants;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Draws through the service: chance spent, prize granted, replay, refusals that write nothing, guarantee, limits. */
@RunningFlywheel
class DrawTest {
  @Autowired TestTenants tenants;
  @Autowired Lotteries lotteries;
  @Autowired Draws draws;
  @Autowired Ledger ledger;
  @Autowired MovableClock clock;
  @Autowired JdbcClient jdbc;
  LotteryFixtures fixtures;

  @BeforeEach
  void fixtures() {
    fixtures = new LotteryFixtures(lotteries, ledger, clock);
  }

  @AfterEach
  void invariantsHold() {
    LedgerInvariants.assertHold(jdbc);
  }

  private DrawOutcome.Drawn drawn(DrawOutcome outcome) {
    assertThat(outcome).isInstanceOf(DrawOutcome.Drawn.class);
    return (DrawOutcome.Drawn) outcome;
  }

  private String refusal(DrawOutcome outcome) {
    assertThat(outcome).isInstanceOf(DrawOutcome.Refused.class);
    return ((DrawOutcome.Refused) outcome).code();
  }

  @Test
  void aDrawSpendsOneChanceAndGrantsThePrizeFromTheLotteryBudget() {
    long tenant = tenants.create().id();
    Lottery lottery = fixtures.live(tenant, null, List.of(points("100 points", 1, 10, 100, 1), thankYou(0)));
    assertThat(lotteries.budget(tenant, lottery.id()).lines().get(Asset.POINTS).funded())
        .as("launch funds the whole stock").isEqualTo(1_000);
    fixtures.chances(tenant, "c-1", 2);

    DrawOutcome.Drawn first = drawn(draws.draw(tenant, lottery.id(), "c-1", "r-1", "test"));
    assertThat(first.replayed()).isFalse();
    assertThat(first.draw().prize().name()).isEqualTo("100 points");
    assertThat(first.draw().grantId()).isNotNull();
    assertThat(first.chancesLeft()).isEqualTo(1);
    var wallet = ledger.wallet(tenant, "c-1");
    assertThat(wallet.balances().get(Asset.POINTS).available()).isEqualTo(100);
    assertThat(wallet.balances().get(Asset.LOTTERY_CHANCE).available()).isEqualTo(1);
    assertThat(lotteries.get(tenant, lottery.id()).orElseThrow().prizes().getFirst().stock()).isEqualTo(9);
    assertThat(lotteries.budget(tenant, lottery.id()).lines().get(Asset.POINTS).remaining()).isEqualTo(900);
  }

  @Test
  void aReplayedRequestIdAnswersTheSameDrawAndChangesNothing() {
    long tenant = tenants.create().id();
    Lottery lottery = fixtures.live(tenant, null, List.of(cash("Red envelope", 1, 5, 888, 1), thankYou(1)));
    fixtures.chances(tenant, "c-1", 3);
    DrawOutcome.Drawn first = drawn(draws.draw(tenant, lottery.id(), "c-1", "same", "test"));
    DrawOutcome.Drawn again = drawn(draws.draw(tenant, lottery.id(), "c-1", "same", "test"));
    assertThat(again.replayed()).isTrue();
    assertThat(again.draw()).isEqualTo(first.draw());
    assertThat(draws.chances(tenant, "c-1")).isEqualTo(2);
    assertThat(draws.count(tenant, lottery.id())).isEqualTo(1);
    assertThat(refusal(draws.draw(tenant, lottery.id(), "c-2", "same", "test"))).isEqualTo("request-id-reused");
    clock.advance(Duration.ofDays(2));
    assertThat(drawn(draws.draw(tenant, lottery.id(), "c-1", "same", "test")).draw())
        .as("a replay after the end still answers").isEqualTo(first.draw());
  }

  @Test
  void refusalsWriteNothing() {
    long tenant = tenants.create().id();
    Lottery lottery = fixtures.live(tenant, null, List.of(points("10 points", 1, 10, 10, 1), thankYou(1)));
    long postings = jdbc.sql("select count(*) from ledger_postings where tenant_id = ?").param(tenant)
        .query(Long.class).single();
    assertThat(refusal(draws.draw(tenant, lottery.id(), "poor", "r-1", "test"))).isEqualTo("no-chances");
    assertThat(refusal(draws.draw(tenant, 999_999_999L, "poor", "r-2", "test"))).isEqualTo("not-found");
    Lottery draft = fixtures.draft(tenant, null, List.of(thankYou(1)));
    fixtures.chances(tenant, "rich", 1);
    assertThat(refusal(draws.draw(tenant, draft.id(), "rich", "r-3", "test"))).isEqualTo("lottery-not-live");
    long afterChances = jdbc.sql("select count(*) from ledger_postings where tenant_id = ?").param(tenant)
        .query(Long.class).single();
    clock.advance(Duration.ofDays(2));
    assertThat(refusal(draws.draw(tenant, lottery.id(), "rich", "r-4", "test"))).isEqualTo("lottery-ended");
    assertThat(jdbc.sql("select count(*) from ledger_postings where tenant_id = ?").param(tenant)
        .query(Long.class).single()).isEqualTo(afterChances).isGreaterThan(postings);
    assertThat(jdbc.sql("select count(*) from lottery_draws where tenant_id = ?").param(tenant)
        .query(Long.class).single()).isZero();
    assertThat(jdbc.sql("select count(*) from lottery_players where tenant_id = ?").param(tenant)
        .query(Long.class).single()).as("the refused draws' player rows rolled back").isZero();
    assertThat(draws.chances(tenant, "rich")).isEqualTo(1);
  }

  @Test
  void theGuaranteeGivesATierPrizeByTheNthDrawWithoutOne() {
    long tenant = tenants.create().id();
    // the top prize weighs nothing by chance: only the guarantee can hand it out
    Lottery lottery = fixtures.live(tenant, new Guarantee(2, 3),
        List.of(physical("Phone", 0, 2, 300_000, 2), points("5 points", 0, 100, 5, 1), thankYou(1)));
    fixtures.chances(tenant, "c-1", 6);
    List<String> prizes = new java.util.ArrayList<>();
    for (int i = 1; i <= 6; i++) {
      prizes.add(drawn(draws.draw(tenant, lottery.id(), "c-1", "g-" + i, "test")).draw().prize().name());
    }
    assertThat(prizes).containsExactly("Thank you", "Thank you", "Phone", "Thank you", "Thank you", "Phone");
    assertThat(draws.history(tenant, lottery.id(), "c-1").stream().filter(Draw::guaranteed).count()).isEqualTo(2);
  }

  @Test
  void perCustomerLimitsHoldAndThankYouIsTheFallback() {
    long tenant = tenants.create().id();
    Lottery lottery = fixtures.live(tenant, null, List.of(
        new PrizeSpec("Coupon-ish points", PrizeKind.POINTS, 1, 100, 2, 50, null, 50, 1), thankYou(0)));
    fixtures.chances(tenant, "c-1", 4);
    List<String> got = new java.util.ArrayList<>();
    for (int i = 1; i <= 4; i++) {
      got.add(drawn(draws.draw(tenant, lottery.id(), "c-1", "l-" + i, "test")).draw().prize().kind().name());
    }
    assertThat(got).containsExactly("POINTS", "POINTS", "THANK_YOU", "THANK_YOU");
    assertThat(ledger.wallet(tenant, "c-1").balances().get(Asset.POINTS).available()).isEqualTo(100);
  }
}
