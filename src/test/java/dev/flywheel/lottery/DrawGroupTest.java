package dev.flywheel.lottery;

import static dev.flywheel.lottery.LotteryFixtures.physical;
import static dev.flywheel.lottery.LotteryFixtures.points;
import static dev.flywheel.lottery.LotteryFixtures.thankYou;
import static org.assertj.core.api.Assertions.assertThat;

import dev.flywheel.ledger.Ledger;
import dev.flywheel.ledger.LedgerInvariants;
import dev.flywheel.lottery.draw.DrawGroup;
import dev.flywheel.lottery.draw.DrawTransaction;
import dev.flywheel.platform.time.MovableClock;
import dev.flywheel.support.Race;
import dev.flywheel.support.RunningFlywheel;
import dev.flywheel.support.TestTenants;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The draw group commit's set-based path: a group draws exactly what the same draws one
 * transaction after the other draw (stock, guarantee, per-customer limits, chances, replays,
 * refusals), and 64 racing clients through the group commit keep every rule exact.
 */
@RunningFlywheel
class DrawGroupTest {
  private static final List<PrizeSpec> POOL = List.of(
      new PrizeSpec("Big", PrizeKind.POINTS, 2, 5, 1, 100, null, 100, 2),
      points("Small", 5, 30, 5, 1),
      physical("Mug", 1, 3, 2_000, 1),
      thankYou(10));
  @Autowired TestTenants tenants;
  @Autowired Lotteries lotteries;
  @Autowired Draws draws;
  @Autowired DrawGroup group;
  @Autowired Ledger ledger;
  @Autowired MovableClock clock;
  @Autowired JdbcClient jdbc;
  @Autowired PlatformTransactionManager transactions;
  LotteryFixtures fixtures;

  @BeforeEach
  void fixtures() {
    fixtures = new LotteryFixtures(lotteries, ledger, clock);
  }

  @AfterEach
  void invariantsHold() {
    LedgerInvariants.assertHold(jdbc);
  }

  @Test
  void aGroupDrawsWhatTheSameDrawsOneByOneDraw() {
    long oneByOne = tenants.create().id();
    long grouped = tenants.create().id();
    Lottery single = fixtures.live(oneByOne, new Guarantee(2, 4), POOL);
    Lottery batch = fixtures.live(grouped, new Guarantee(2, 4), POOL);
    jdbc.sql("update lottery_lotteries set seed_secret = (select seed_secret from lottery_lotteries where id = ?) "
        + "where id = ?").params(single.id(), batch.id()).update();
    List<DrawGroup.Request> requests = new ArrayList<>();
    for (int c = 0; c < 8; c++) {
      fixtures.chances(oneByOne, "c-" + c, 6);
      fixtures.chances(grouped, "c-" + c, 6);
    }
    for (int k = 0; k < 7; k++) { // 7 rounds on 6 chances: the last round is refused
      for (int c = 0; c < 8; c++) {
        requests.add(new DrawGroup.Request(grouped, batch.id(), "c-" + c, "r-" + k + "-" + c, "test"));
      }
    }
    requests.add(new DrawGroup.Request(grouped, batch.id(), "poor", "r-poor", "test"));
    requests.add(new DrawGroup.Request(grouped, batch.id(), "c-0", "r-0-0", "test")); // a repeated request id

    List<DrawOutcome> expected = requests.stream()
        .map(r -> draws.draw(oneByOne, single.id(), r.customerId(), r.requestId(), "test")).toList();
    List<DrawTransaction.Attempt> actual = new TransactionTemplate(transactions)
        .execute(s -> group.drawAll(requests, clock.instant()));

    for (int i = 0; i < requests.size() - 1; i++) {
      DrawTransaction.Attempt.Answer answer = (DrawTransaction.Attempt.Answer) actual.get(i);
      switch (expected.get(i)) {
        case DrawOutcome.Drawn e -> {
          DrawOutcome.Drawn a = (DrawOutcome.Drawn) answer.outcome();
          assertThat(a.draw().prize().position()).as("prize of " + requests.get(i)).isEqualTo(e.draw().prize().position());
          assertThat(a.draw().guaranteed()).isEqualTo(e.draw().guaranteed());
          assertThat(a.chancesLeft()).isEqualTo(e.chancesLeft());
          assertThat(a.draw().fulfilment() != null).isEqualTo(e.draw().fulfilment() != null);
        }
        case DrawOutcome.Refused e -> assertThat(answer.outcome()).isEqualTo(e);
      }
    }
    assertThat(actual.getLast()).isInstanceOf(DrawTransaction.Attempt.Replay.class);
    assertThat(((DrawOutcome.Drawn) expected.getLast()).replayed()).isTrue();
    assertThat(stock(batch.id())).isEqualTo(stock(single.id()));
    assertThat(players(batch.id())).isEqualTo(players(single.id()));
    assertThat(draws.count(grouped, batch.id())).isEqualTo(draws.count(oneByOne, single.id())).isEqualTo(48);
    for (int c = 0; c < 8; c++) {
      assertThat(draws.chances(grouped, "c-" + c)).isZero();
    }
    assertThat(jdbc.sql("select count(*) from lottery_fulfilments where lottery_id = ?").param(batch.id())
        .query(Long.class).single()).isEqualTo(lotteries.get(grouped, batch.id()).orElseThrow().prizes().get(2).awarded());
  }

  @Test
  void anotherTenantsRequestForTheLotteryIsNotFoundAndDoesNotStopTheOwnersDraws() {
    long owner = tenants.create().id();
    long stranger = tenants.create().id();
    Lottery lottery = fixtures.live(owner, null, List.of(points("Points", 1, 10, 5, 1), thankYou(1)));
    fixtures.chances(owner, "mine", 1);
    fixtures.chances(stranger, "theirs", 1);
    List<DrawGroup.Request> requests = List.of(
        new DrawGroup.Request(stranger, lottery.id(), "theirs", "s-1", "test"),
        new DrawGroup.Request(owner, lottery.id(), "mine", "o-1", "test"));
    List<DrawTransaction.Attempt> answers = new TransactionTemplate(transactions)
        .execute(s -> group.drawAll(requests, clock.instant()));

    assertThat(((DrawTransaction.Attempt.Answer) answers.get(0)).outcome())
        .isEqualTo(new DrawOutcome.Refused("not-found", "Lottery " + lottery.id() + " was not found"));
    assertThat(((DrawTransaction.Attempt.Answer) answers.get(1)).outcome()).isInstanceOf(DrawOutcome.Drawn.class);
    assertThat(draws.chances(stranger, "theirs")).isEqualTo(1);
    assertThat(draws.chances(owner, "mine")).isZero();
  }

  @Test
  void sixtyFourRacingClientsThroughTheGroupCommitKeepGuaranteeLimitsStockAndChancesExact() throws Exception {
    long tenant = tenants.create().id();
    // only the guarantee wins the big prize (weight 1 against a million), at most once per customer
    Lottery lottery = fixtures.live(tenant, new Guarantee(2, 3), List.of(
        new PrizeSpec("Big", PrizeKind.POINTS, 1, 12, 1, 100, null, 100, 2), thankYou(1_000_000)));
    for (int c = 0; c < 16; c++) {
      fixtures.chances(tenant, "c-" + c, 5);
    }
    long before = draws.groupCommitStats().requests();
    List<DrawOutcome> outcomes = Race.run(64, i -> draws.draw(tenant, lottery.id(), "c-" + (i % 16), "x-" + i, "test"));

    assertThat(outcomes).allMatch(o -> o instanceof DrawOutcome.Drawn d && !d.replayed());
    assertThat(draws.groupCommitStats().requests() - before).as("every draw went through the group commit")
        .isEqualTo(64);
    Map<String, Long> bigWins = outcomes.stream().map(o -> ((DrawOutcome.Drawn) o).draw())
        .filter(d -> d.prize().kind() == PrizeKind.POINTS)
        .collect(Collectors.groupingBy(Draw::customerId, Collectors.counting()));
    // 16 customers × 4 draws: each reaches the guarantee on its 3rd draw while stock lasts (12 units)
    assertThat(bigWins.values()).allMatch(n -> n == 1);
    assertThat(bigWins).hasSize(12);
    Prize big = lotteries.get(tenant, lottery.id()).orElseThrow().prizes().getFirst();
    assertThat(big.stock()).isZero();
    assertThat(big.stock() + big.awarded()).isEqualTo(12);
    assertThat(outcomes.stream().filter(o -> ((DrawOutcome.Drawn) o).draw().guaranteed()).count()).isEqualTo(12);
    for (int c = 0; c < 16; c++) {
      assertThat(draws.chances(tenant, "c-" + c)).isEqualTo(1);
    }
    assertThat(jdbc.sql("select count(*) from ledger_entries where tenant_id = ? and kind = 'SPEND'").param(tenant)
        .query(Long.class).single()).isEqualTo(64);
    assertThat(jdbc.sql("select sum(draws) from lottery_players where lottery_id = ?").param(lottery.id())
        .query(Long.class).single()).isEqualTo(64);
  }

  @Test
  void concurrentGroupsOnOneLotteryNeverDeadlockEachOther() throws Exception {
    long tenant = tenants.create().id();
    // two stocked prizes (ample stock): every group takes both prize rows, while its draw rows
    // hold key-share locks on them; a lock order or lock strength that lets two groups wait on each
    // other shows up as failed groups (PostgreSQL aborts one after deadlock_timeout)
    Lottery lottery = fixtures.live(tenant, null, List.of(
        new PrizeSpec("Points", PrizeKind.POINTS, 1, 100_000, null, 1, null, 1, 1),
        new PrizeSpec("More points", PrizeKind.POINTS, 1, 100_000, null, 2, null, 2, 1), thankYou(1)));
    int clients = 32;
    int each = 30;
    for (int c = 0; c < clients; c++) {
      fixtures.chances(tenant, "c-" + c, each);
    }
    var before = draws.groupCommitStats();
    List<Long> drawn = Race.run(clients, i -> {
      long n = 0;
      for (int k = 0; k < each; k++) {
        n += draws.draw(tenant, lottery.id(), "c-" + i, "loop-" + i + "-" + k, "test") instanceof DrawOutcome.Drawn ? 1 : 0;
      }
      return n;
    });
    var after = draws.groupCommitStats();

    assertThat(drawn).allMatch(n -> n == each);
    assertThat(after.groups() - before.groups()).as("groups run").isPositive();
    assertThat(after.fallbacks() - before.fallbacks()).as("groups that failed and ran draw by draw").isZero();
    List<Prize> prizes = lotteries.get(tenant, lottery.id()).orElseThrow().prizes();
    long awarded = prizes.stream().filter(p -> p.stock() != null).mapToLong(Prize::awarded).sum();
    assertThat(prizes.stream().filter(p -> p.stock() != null)).allMatch(p -> p.stock() + p.awarded() == 100_000);
    assertThat(jdbc.sql("select count(*) from lottery_draws d join lottery_prizes p on p.id = d.prize_id "
        + "where d.lottery_id = ? and p.kind = 'POINTS'").param(lottery.id()).query(Long.class).single()).isEqualTo(awarded);
  }

  private List<Integer> stock(long lotteryId) {
    return jdbc.sql("select stock from lottery_prizes where lottery_id = ? and stock is not null order by position")
        .param(lotteryId).query(Integer.class).list();
  }

  private List<String> players(long lotteryId) {
    return jdbc.sql("select customer_id || ':' || draws || ':' || dry_streak from lottery_players where lottery_id = ? "
        + "order by customer_id").param(lotteryId).query(String.class).list();
  }
}
