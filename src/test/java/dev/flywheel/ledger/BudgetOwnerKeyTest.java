package dev.flywheel.ledger;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flywheel.support.Race;
import dev.flywheel.support.RunningFlywheel;
import dev.flywheel.support.TestTenants;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Budget keys of owners that are not campaigns: one per (tenant, owner type, owner id), never a campaign's. */
@RunningFlywheel
class BudgetOwnerKeyTest {
  @Autowired TestTenants tenants;
  @Autowired Ledger ledger;
  @Autowired JdbcClient jdbc;

  @Test
  void sixteenRacingFirstUsesGetOneKeyAndOwnersNeverShareOne() throws Exception {
    long tenant = tenants.create().id();
    long other = tenants.create().id();
    List<Long> keys = Race.run(16, i -> ledger.budgetKey(tenant, "lottery", "7"));

    assertThat(keys).containsOnly(keys.getFirst());
    long key = keys.getFirst();
    assertThat(key).isNegative();
    assertThat(ledger.budgetKey(tenant, "fission-activity", "7")).isNotEqualTo(key).isNegative();
    assertThat(ledger.budgetKey(other, "lottery", "7")).isNotEqualTo(key);
    assertThat(jdbc.sql("select owner_type || ':' || owner_id from ledger_budget_owners where budget_key = ?")
        .param(key).query(String.class).single()).isEqualTo("lottery:7");

    ledger.fund(tenant, key, Asset.POINTS, 500, "test");
    assertThat(ledger.grant(GrantRequest.of(tenant, key, "prize", "draw-1", "c-1", Asset.POINTS, 200)))
        .isInstanceOf(GrantOutcome.Granted.class);
    assertThat(ledger.budget(tenant, key).lines().get(Asset.POINTS).remaining()).isEqualTo(300);
    LedgerInvariants.assertHold(jdbc);
  }
}
