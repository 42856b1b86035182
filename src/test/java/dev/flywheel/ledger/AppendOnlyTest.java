package dev.flywheel.ledger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.flywheel.support.RunningFlywheel;
import dev.flywheel.support.TestTenants;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

/** The database, not the Java code, refuses history rewrites and unbalanced entries. */
@RunningFlywheel
class AppendOnlyTest {
  @Autowired TestTenants tenants;
  @Autowired Ledger ledger;
  @Autowired JdbcClient jdbc;
  @Autowired TransactionTemplate tx;

  @Test
  void postingsAndGrantsCannotBeRewritten() {
    long tenant = tenants.create().id();
    ledger.fund(tenant, 5_001, Asset.POINTS, 10, "ops");
    ledger.grant(GrantRequest.of(tenant, 5_001, "r", "ev-1", "u-1", Asset.POINTS, 3));
    assertThatThrownBy(() -> jdbc.sql("update ledger_postings set amount = amount * 2 where tenant_id = :t")
        .param("t", tenant).update()).isInstanceOf(DataAccessException.class).hasMessageContaining("append-only");
    assertThatThrownBy(() -> jdbc.sql("delete from ledger_grants where tenant_id = :t").param("t", tenant).update())
        .isInstanceOf(DataAccessException.class).hasMessageContaining("append-only");
  }

  @Test
  void anEntryThatDoesNotSumToZeroIsRefusedAndBalancesCannotGoNegative() {
    long tenant = tenants.create().id();
    ledger.fund(tenant, 5_002, Asset.POINTS, 10, "ops");
    long main = jdbc.sql("select id from ledger_accounts where tenant_id = :t and kind = 'BUDGET'")
        .param("t", tenant).query(Long.class).single();
    assertThatThrownBy(() -> tx.executeWithoutResult(s -> {
      long entry = jdbc.sql("insert into ledger_entries (tenant_id, kind, actor, created_at) values (:t, 'FUND', 'x', now()) returning id")
          .param("t", tenant).query(Long.class).single();
      jdbc.sql("insert into ledger_postings (entry_id, tenant_id, account_id, asset, amount, created_at) values (:e, :t, :a, 'POINTS', 5, now())")
          .param("e", entry).param("t", tenant).param("a", main).update();
    })).hasMessageContaining("does not balance");
    assertThatThrownBy(() -> tx.executeWithoutResult(s -> {
      long entry = jdbc.sql("insert into ledger_entries (tenant_id, kind, actor, created_at) values (:t, 'X', 'x', now()) returning id")
          .param("t", tenant).query(Long.class).single();
      jdbc.sql("insert into ledger_postings (entry_id, tenant_id, account_id, asset, amount, created_at) values (:e, :t, :a, 'POINTS', -11, now())")
          .param("e", entry).param("t", tenant).param("a", main).update();
    })).isInstanceOf(DataAccessException.class);
    assertThat(ledger.budget(tenant, 5_002).lines().get(Asset.POINTS).remaining()).isEqualTo(10);
  }
}
