package dev.flywheel.lottery;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flywheel.ledger.Asset;
import dev.flywheel.ledger.Ledger;
import dev.flywheel.ledger.LedgerInvariants;
import dev.flywheel.ledger.SpendOutcome;
import dev.flywheel.ledger.Spending;
import dev.flywheel.platform.time.MovableClock;
import dev.flywheel.support.RunningFlywheel;
import dev.flywheel.support.TestTenants;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/** The ledger's new {@link Spending} API the lottery spends chances with: balanced, exactly once per reference. */
@RunningFlywheel
class ChanceSpendingTest {
  @Autowired TestTenants tenants;
  @Autowired Spending spending;
  @Autowired Lotteries lotteries;
  @Autowired Ledger ledger;
  @Autowired MovableClock clock;
  @Autowired JdbcClient jdbc;
  @Autowired PlatformTransactionManager transactions;

  @AfterEach
  void invariantsHold() {
    LedgerInvariants.assertHold(jdbc);
  }

  @Test
  void aSpendMovesToRedeemedOnceAndRefusesBeyondTheBalance() {
    long tenant = tenants.create().id();
    new LotteryFixtures(lotteries, ledger, clock).chances(tenant, "c-1", 2);
    SpendOutcome first = spending.spend(tenant, "c-1", Asset.LOTTERY_CHANCE, 1, "ref-1", "test");
    assertThat(first).isInstanceOf(SpendOutcome.Spent.class);
    assertThat(((SpendOutcome.Spent) first).availableAfter()).isEqualTo(1);
    SpendOutcome again = spending.spend(tenant, "c-1", Asset.LOTTERY_CHANCE, 1, "ref-1", "test");
    assertThat(again).isEqualTo(new SpendOutcome.Spent(((SpendOutcome.Spent) first).entryId(), 1, true));
    assertThat(spending.spend(tenant, "c-1", Asset.LOTTERY_CHANCE, 2, "ref-2", "test"))
        .isEqualTo(new SpendOutcome.Insufficient(1));
    assertThat(spending.spend(tenant, "nobody", Asset.LOTTERY_CHANCE, 1, "ref-3", "test"))
        .isEqualTo(new SpendOutcome.Insufficient(0));
    assertThat(spending.available(tenant, "c-1", Asset.LOTTERY_CHANCE)).isEqualTo(1);
    assertThat(ledger.wallet(tenant, "c-1").history()).extracting(m -> m.kind() + ":" + m.amount())
        .contains("SPEND:-1");
    assertThat(jdbc.sql("""
            select coalesce(sum(p.amount), 0) from ledger_postings p join ledger_accounts a on a.id = p.account_id
            where a.tenant_id = ? and a.owner_type = 'TENANT' and a.kind = 'REDEEMED' and a.asset = 'LOTTERY_CHANCE'""")
        .param(tenant).query(Long.class).single()).isEqualTo(1);
  }

  @Test
  void sixtyFourConcurrentSpendsOfOneReferencePostOnce() throws Exception {
    long tenant = tenants.create().id();
    new LotteryFixtures(lotteries, ledger, clock).chances(tenant, "c-1", 5);
    TransactionTemplate tx = new TransactionTemplate(transactions);
    List<SpendOutcome> outcomes = DrawRaceTest.race(i ->
        tx.execute(s -> spending.spend(tenant, "c-1", Asset.LOTTERY_CHANCE, 1, "same", "test")));
    assertThat(outcomes).allMatch(o -> o instanceof SpendOutcome.Spent);
    assertThat(outcomes.stream().filter(o -> !((SpendOutcome.Spent) o).replayed()).count()).isEqualTo(1);
    assertThat(spending.available(tenant, "c-1", Asset.LOTTERY_CHANCE)).isEqualTo(4);
  }
}
