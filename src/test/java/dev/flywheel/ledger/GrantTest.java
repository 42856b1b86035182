package dev.flywheel.ledger;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flywheel.support.RunningFlywheel;
import dev.flywheel.support.Race;
import dev.flywheel.support.TestTenants;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Funding, grants, exactly-once under replay and concurrency, and budget views. */
@RunningFlywheel
class GrantTest {
  private static final AtomicLong CAMPAIGNS = new AtomicLong(1_000);
  @Autowired TestTenants tenants;
  @Autowired Ledger ledger;
  @Autowired JdbcClient jdbc;

  @AfterEach
  void invariantsHold() {
    LedgerInvariants.assertHold(jdbc);
  }

  @Test
  void aGrantMovesValueFromTheBudgetToTheWalletAndAReplayReturnsTheStoredGrant() {
    long tenant = tenants.create().id();
    long campaign = CAMPAIGNS.incrementAndGet();
    ledger.fund(tenant, campaign, Asset.POINTS, 1_000, "ops");

    GrantOutcome first = ledger.grant(GrantRequest.of(tenant, campaign, "first-invest", "ev-1", "u-1", Asset.POINTS, 12));
    GrantOutcome again = ledger.grant(GrantRequest.of(tenant, campaign, "first-invest", "ev-1", "u-1", Asset.POINTS, 12));

    assertThat(first).isInstanceOf(GrantOutcome.Granted.class);
    Grant grant = ((GrantOutcome.Granted) first).grant();
    assertThat(again).isEqualTo(new GrantOutcome.AlreadyGranted(
        ledger.grantsFor(tenant, "ev-1").getFirst()));
    assertThat(((GrantOutcome.AlreadyGranted) again).grant().id()).isEqualTo(grant.id());
    assertThat(ledger.wallet(tenant, "u-1").balances().get(Asset.POINTS)).isEqualTo(new Wallet.Balance(12, 0, 0));
    assertThat(ledger.budget(tenant, campaign).lines().get(Asset.POINTS))
        .isEqualTo(new Budget.Line(1_000, 988, 12));
    assertThat(postingsOfGrants(tenant)).isEqualTo(2);
    assertThat(ledger.grantCount(tenant, campaign, "u-1", grant.grantedAt())).isEqualTo(1);
  }

  @Test
  void anotherRuleOrEventIsAnotherGrantAndAnUnfundedCampaignIsExhausted() {
    long tenant = tenants.create().id();
    long campaign = CAMPAIGNS.incrementAndGet();
    ledger.fund(tenant, campaign, Asset.CASH_BACK, 500, "ops");
    ledger.grant(GrantRequest.of(tenant, campaign, "r1", "ev-1", "u-1", Asset.CASH_BACK, 100));
    ledger.grant(GrantRequest.of(tenant, campaign, "r2", "ev-1", "u-1", Asset.CASH_BACK, 100));
    ledger.grant(GrantRequest.of(tenant, campaign, "r1", "ev-2", "u-1", Asset.CASH_BACK, 100));

    assertThat(ledger.grantsFor(tenant, "ev-1")).extracting(Grant::ruleId).containsExactly("r1", "r2");
    assertThat(ledger.wallet(tenant, "u-1").balances().get(Asset.CASH_BACK).available()).isEqualTo(300);
    assertThat(ledger.grant(GrantRequest.of(tenant, campaign, "r1", "ev-3", "u-1", Asset.CASH_BACK, 201)))
        .isEqualTo(new GrantOutcome.BudgetExhausted(campaign, Asset.CASH_BACK, 200));
    assertThat(ledger.grant(GrantRequest.of(tenant, campaign, "r1", "ev-3", "u-1", Asset.POINTS, 1)))
        .as("no POINTS budget").isEqualTo(new GrantOutcome.BudgetExhausted(campaign, Asset.POINTS, 0));
    assertThat(ledger.grant(GrantRequest.of(tenant, campaign, "r1", "ev-3", "u-1", Asset.CASH_BACK, 200)))
        .as("the exact remainder can still be granted").isInstanceOf(GrantOutcome.Granted.class);
  }

  @Test
  void theSameGrantFromSixtyFourThreadsPostsOnce() throws Exception {
    long tenant = tenants.create().id();
    long campaign = CAMPAIGNS.incrementAndGet();
    ledger.fund(tenant, campaign, Asset.POINTS, 100, "ops");

    List<GrantOutcome> outcomes = Race.run(64,
        i -> ledger.grant(GrantRequest.of(tenant, campaign, "r", "ev-same", "u-9", Asset.POINTS, 5)));

    assertThat(outcomes).filteredOn(GrantOutcome.Granted.class::isInstance).hasSize(1);
    assertThat(outcomes).filteredOn(GrantOutcome.AlreadyGranted.class::isInstance).hasSize(63);
    assertThat(outcomes.stream().map(o -> o instanceof GrantOutcome.Granted g ? g.grant().id()
        : ((GrantOutcome.AlreadyGranted) o).grant().id()).distinct()).hasSize(1);
    assertThat(postingsOfGrants(tenant)).isEqualTo(2);
    assertThat(ledger.wallet(tenant, "u-9").balances().get(Asset.POINTS).available()).isEqualTo(5);
    assertThat(ledger.budget(tenant, campaign).lines().get(Asset.POINTS).remaining()).isEqualTo(95);
  }

  private long postingsOfGrants(long tenant) {
    return jdbc.sql("""
            select count(*) from ledger_postings p join ledger_entries e on e.id = p.entry_id
            where e.tenant_id = :tenant and e.kind = 'GRANT'""")
        .param("tenant", tenant).query(Long.class).single();
  }
}
