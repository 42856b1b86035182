package dev.flywheel.ledger;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flywheel.support.RunningFlywheel;
import dev.flywheel.support.Race;
import dev.flywheel.support.TestTenants;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * 64 concurrent clients racing for the last units of small budgets: never over-granted,
 * granted + remaining = funded, no duplicate grant, nothing stranded in a slot.
 */
@RunningFlywheel
class BudgetRaceTest {
  private static final AtomicLong CAMPAIGNS = new AtomicLong(2_000);
  private static final int CLIENTS = 64;
  @Autowired TestTenants tenants;
  @Autowired Ledger ledger;
  @Autowired JdbcClient jdbc;

  @AfterEach
  void invariantsHold() {
    LedgerInvariants.assertHold(jdbc);
  }

  @Test
  void sixtyFourClientsTakeExactlyTheBudgetOfUnitGrants() throws Exception {
    long tenant = tenants.create().id();
    long campaign = CAMPAIGNS.incrementAndGet();
    long funded = 300;
    ledger.fund(tenant, campaign, Asset.LOTTERY_CHANCE, funded, "ops");

    long started = System.nanoTime();
    // every client keeps asking until refused: demand (64 x up to 10) exceeds supply
    List<List<GrantOutcome>> perClient = Race.run(CLIENTS, client -> {
      List<GrantOutcome> outcomes = new ArrayList<>();
      for (int i = 0; i < 10; i++) {
        int n = i;
        GrantOutcome o = Race.retryingDeadlocks(() -> ledger.grant(GrantRequest.of(tenant, campaign, "r",
            "ev-" + client + "-" + n, "u-" + client, Asset.LOTTERY_CHANCE, 1)));
        outcomes.add(o);
        if (o instanceof GrantOutcome.BudgetExhausted) {
          break;
        }
      }
      return outcomes;
    });
    long millis = (System.nanoTime() - started) / 1_000_000;

    List<GrantOutcome> all = perClient.stream().flatMap(List::stream).toList();
    long granted = all.stream().filter(GrantOutcome.Granted.class::isInstance).count();
    System.out.printf("64 clients, %d unit grants + %d refusals in %d ms%n", granted, all.size() - granted, millis);
    assertThat(granted).isEqualTo(funded);
    assertThat(all).filteredOn(GrantOutcome.BudgetExhausted.class::isInstance)
        .as("a refusal means nothing was left").allMatch(o -> ((GrantOutcome.BudgetExhausted) o).remaining() == 0);
    assertThat(ledger.budget(tenant, campaign).lines().get(Asset.LOTTERY_CHANCE))
        .isEqualTo(new Budget.Line(funded, 0, funded));
    assertNoDuplicateGrants(tenant, campaign);
    assertThat(alerts(tenant, campaign)).containsExactly(80, 100);
  }

  @Test
  void mixedAmountsNeverOvergrantAndLeaveNothingStranded() throws Exception {
    long tenant = tenants.create().id();
    long campaign = CAMPAIGNS.incrementAndGet();
    long funded = 1_000;
    ledger.fund(tenant, campaign, Asset.CASH_BACK, funded, "ops");

    List<Long> grantedPerClient = Race.run(CLIENTS, client -> {
      long sum = 0;
      for (int i = 0; i < 40; i++) {
        long amount = ThreadLocalRandom.current().nextLong(1, 9);
        int n = i;
        if (Race.retryingDeadlocks(() -> ledger.grant(GrantRequest.of(tenant, campaign, "r", "ev-" + client + "-" + n,
            "u-" + client, Asset.CASH_BACK, amount))) instanceof GrantOutcome.Granted g) {
          sum += g.grant().amount();
        }
      }
      return sum;
    });

    long granted = grantedPerClient.stream().mapToLong(Long::longValue).sum();
    Budget.Line line = ledger.budget(tenant, campaign).lines().get(Asset.CASH_BACK);
    assertThat(granted).isLessThanOrEqualTo(funded).isEqualTo(line.granted());
    assertThat(line.funded()).isEqualTo(line.granted() + line.remaining());
    assertNoDuplicateGrants(tenant, campaign);
    // whatever is left, split over any slots, can be granted in one piece: nothing is stranded
    if (line.remaining() > 0) {
      assertThat(ledger.grant(GrantRequest.of(tenant, campaign, "r", "ev-rest-over", "u-x", Asset.CASH_BACK,
          line.remaining() + 1))).isInstanceOf(GrantOutcome.BudgetExhausted.class);
      assertThat(ledger.grant(GrantRequest.of(tenant, campaign, "r", "ev-rest", "u-x", Asset.CASH_BACK,
          line.remaining()))).isInstanceOf(GrantOutcome.Granted.class);
    }
    assertThat(ledger.budget(tenant, campaign).lines().get(Asset.CASH_BACK).remaining()).isZero();
  }

  private void assertNoDuplicateGrants(long tenant, long campaign) {
    assertThat(jdbc.sql("""
            select count(*) from (select source_event_id from ledger_grants where tenant_id = :t and campaign_id = :c
                                  group by rule_id, source_event_id having count(*) > 1) d""")
        .param("t", tenant).param("c", campaign).query(Long.class).single()).isZero();
    assertThat(jdbc.sql("""
            select count(*) from ledger_entries e where e.tenant_id = :t and e.kind = 'GRANT'
              and (select count(*) from ledger_postings p where p.entry_id = e.id) <> 2""")
        .param("t", tenant).query(Long.class).single()).isZero();
  }

  private List<Integer> alerts(long tenant, long campaign) {
    return jdbc.sql("""
            select percent from ledger_budget_alerts a join ledger_budgets b on b.id = a.budget_id
            where b.tenant_id = :t and b.campaign_id = :c order by percent""")
        .param("t", tenant).param("c", campaign).query(Integer.class).list();
  }
}
