package dev.flywheel.lottery;

import static dev.flywheel.lottery.LotteryFixtures.points;
import static dev.flywheel.lottery.LotteryFixtures.thankYou;
import static org.assertj.core.api.Assertions.assertThat;

import dev.flywheel.ledger.Asset;
import dev.flywheel.ledger.Ledger;
import dev.flywheel.ledger.LedgerInvariants;
import dev.flywheel.platform.time.MovableClock;
import dev.flywheel.support.RunningFlywheel;
import dev.flywheel.support.Race;
import dev.flywheel.support.TestTenants;
import java.util.List;
import java.util.function.IntFunction;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/** 64 real threads released together on the last units of stock and on one customer's last chances. */
@RunningFlywheel
class DrawRaceTest {
  private static final int CLIENTS = 64;
  @Autowired TestTenants tenants;
  @Autowired Lotteries lotteries;
  @Autowired Draws draws;
  @Autowired Ledger ledger;
  @Autowired MovableClock clock;
  @Autowired JdbcClient jdbc;
  @Autowired dev.flywheel.ledger.Spending spending;
  @Autowired org.springframework.transaction.PlatformTransactionManager transactions;
  LotteryFixtures fixtures;

  @BeforeEach
  void fixtures() {
    fixtures = new LotteryFixtures(lotteries, ledger, clock);
  }

  @AfterEach
  void invariantsHold() {
    LedgerInvariants.assertHold(jdbc);
  }

  static <T> List<T> race(IntFunction<T> client) throws Exception {
    return Race.run(CLIENTS, client);
  }

  @Test
  void sixtyFourCustomersOnTheLastFiveUnitsNeverTakeMoreThanTheStock() throws Exception {
    lastFiveUnitsRace(false); // outside a transaction: through the draw group commit
  }

  @Test
  void sixtyFourSingleDrawTransactionsOnTheLastFiveUnitsNeverTakeMoreThanTheStock() throws Exception {
    lastFiveUnitsRace(true); // inside a caller's transaction: the single-draw path
  }

  private void lastFiveUnitsRace(boolean inCallersTransaction) throws Exception {
    long tenant = tenants.create().id();
    // the prize outweighs thank-you a million to one: every draw tries it until it is gone
    Lottery lottery = fixtures.live(tenant, null, List.of(points("Last five", 1_000_000, 5, 10, 1), thankYou(1)));
    for (int i = 0; i < CLIENTS; i++) {
      fixtures.chances(tenant, "c-" + i, 1);
    }
    var transaction = new org.springframework.transaction.support.TransactionTemplate(transactions);
    List<DrawOutcome> outcomes = race(i -> inCallersTransaction
        ? transaction.execute(status -> draws.draw(tenant, lottery.id(), "c-" + i, "race-" + i, "test"))
        : draws.draw(tenant, lottery.id(), "c-" + i, "race-" + i, "test"));

    assertThat(outcomes).allMatch(o -> o instanceof DrawOutcome.Drawn);
    long won = outcomes.stream().filter(o -> ((DrawOutcome.Drawn) o).draw().prize().kind() == PrizeKind.POINTS).count();
    Prize prize = lotteries.get(tenant, lottery.id()).orElseThrow().prizes().getFirst();
    assertThat(prize.stock()).isZero();
    assertThat(prize.stock() + prize.awarded()).isEqualTo(prize.initialStock()).isEqualTo(5);
    assertThat(won).isEqualTo(prize.awarded());
    assertThat(draws.count(tenant, lottery.id())).isEqualTo(CLIENTS);
    assertThat(lotteries.budget(tenant, lottery.id()).lines().get(Asset.POINTS).granted()).isEqualTo(50);
    assertThat(jdbc.sql("select coalesce(sum(balance), 0) from ledger_accounts where tenant_id = ? and owner_type = 'CUSTOMER' and asset = 'LOTTERY_CHANCE'")
        .param(tenant).query(Long.class).single()).as("every chance spent once").isZero();
    assertThat(jdbc.sql("select count(*) from ledger_entries where tenant_id = ? and kind = 'SPEND'")
        .param(tenant).query(Long.class).single()).as("one chance spent per draw, none by a rolled-back attempt")
        .isEqualTo(CLIENTS);
  }

  @Test
  void sixtyFourDrawsOnOneCustomersThreeChancesSpendThreeAndNoMore() throws Exception {
    long tenant = tenants.create().id();
    Lottery lottery = fixtures.live(tenant, null, List.of(points("Points", 1, 1000, 1, 1), thankYou(1)));
    fixtures.chances(tenant, "lucky", 3);
    List<DrawOutcome> outcomes = race(i -> draws.draw(tenant, lottery.id(), "lucky", "d-" + i, "test"));

    assertThat(outcomes.stream().filter(o -> o instanceof DrawOutcome.Drawn).count()).isEqualTo(3);
    assertThat(outcomes.stream().filter(o -> o instanceof DrawOutcome.Refused r && r.code().equals("no-chances"))
        .count()).isEqualTo(CLIENTS - 3);
    assertThat(draws.chances(tenant, "lucky")).isZero();
    assertThat(draws.count(tenant, lottery.id())).isEqualTo(3);
    assertThat(jdbc.sql("select count(*) from ledger_entries where tenant_id = ? and kind = 'SPEND'").param(tenant)
        .query(Long.class).single()).isEqualTo(3);
  }

  @Test
  void drawsRacingEventGrantsOnTheSameCustomersWalletsNeverFail() throws Exception {
    long tenant = tenants.create().id();
    Lottery lottery = fixtures.live(tenant, null, List.of(points("Points", 1, 100_000, 3, 1), thankYou(0)));
    fixtures.chances(tenant, "busy", CLIENTS);
    long campaign = 990_000_000L + tenant;
    ledger.fund(tenant, campaign, Asset.POINTS, 1_000_000, "test");
    var tx = new org.springframework.transaction.support.TransactionTemplate(transactions);
    // odd clients: an event-like transaction granting points, then spending a chance (the order
    // the campaign templates take the wallets in, and the draw's); even clients: draws
    List<Object> outcomes = race(i -> {
      if (i % 2 == 0) {
        return draws.draw(tenant, lottery.id(), "busy", "w-" + i, "test");
      }
      try {
        return tx.execute(s -> {
          ledger.grant(dev.flywheel.ledger.GrantRequest.of(tenant, campaign, "r", "ev-" + i, "busy", Asset.POINTS, 1));
          return spending.spend(tenant, "busy", Asset.LOTTERY_CHANCE, 1, "writer-" + i, "test");
        });
      } catch (org.springframework.dao.PessimisticLockingFailureException deadlock) {
        return "deadlock";
      }
    });
    for (int i = 0; i < CLIENTS; i += 2) {
      assertThat(outcomes.get(i)).as("draw " + i).isInstanceOf(DrawOutcome.Drawn.class);
    }
    long writersDone = outcomes.stream().filter(o -> o instanceof dev.flywheel.ledger.SpendOutcome.Spent).count();
    assertThat(draws.chances(tenant, "busy")).isEqualTo(CLIENTS - CLIENTS / 2 - writersDone);
    assertThat(ledger.wallet(tenant, "busy").balances().get(Asset.POINTS).available())
        .isEqualTo(3L * (CLIENTS / 2) + writersDone);
  }

  @Test
  void thirtyTwoCopiesOfOneRequestDrawOnce() throws Exception {
    long tenant = tenants.create().id();
    Lottery lottery = fixtures.live(tenant, null, List.of(points("Points", 1, 1000, 7, 1), thankYou(1)));
    fixtures.chances(tenant, "twin", 5);
    // every copy waits for the first one's commit on the customer's row, one after the other: 32
    // copies keep that queue well inside the connection pool's timeout on a loaded 2-core machine
    List<DrawOutcome> outcomes = Race.run(32, i -> draws.draw(tenant, lottery.id(), "twin", "one-request", "test"));

    assertThat(outcomes).allMatch(o -> o instanceof DrawOutcome.Drawn);
    assertThat(outcomes.stream().filter(o -> !((DrawOutcome.Drawn) o).replayed()).count()).isEqualTo(1);
    assertThat(outcomes.stream().map(o -> ((DrawOutcome.Drawn) o).draw().id()).distinct().count()).isEqualTo(1);
    assertThat(draws.chances(tenant, "twin")).isEqualTo(4);
  }
}
