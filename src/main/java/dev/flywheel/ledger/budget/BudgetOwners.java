package dev.flywheel.ledger.budget;

import java.sql.Timestamp;
import java.time.Instant;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** The budget keys of owners other than campaigns ({@code ledger_budget_owners}). */
@Component
public class BudgetOwners {
  private final JdbcClient jdbc;

  BudgetOwners(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  /** The owner's key, registered on first use (a concurrent first use gets the same key). */
  public long key(long tenantId, String ownerType, String ownerId, Instant now) {
    jdbc.sql("""
            insert into ledger_budget_owners (budget_key, tenant_id, owner_type, owner_id, created_at)
            values (-nextval('ledger_budget_owner_keys'), :tenant, :type, :owner, :now)
            on conflict (tenant_id, owner_type, owner_id) do nothing""")
        .param("tenant", tenantId).param("type", ownerType).param("owner", ownerId).param("now", Timestamp.from(now))
        .update();
    return jdbc.sql("""
            select budget_key from ledger_budget_owners
            where tenant_id = :tenant and owner_type = :type and owner_id = :owner""")
        .param("tenant", tenantId).param("type", ownerType).param("owner", ownerId).query(Long.class).single();
  }
}
