package dev.flywheel.ledger;

import static org.assertj.core.api.Assertions.assertThat;

import org.springframework.jdbc.core.simple.JdbcClient;

/** The money path's invariants, checked over the whole ledger after every scenario. */
public final class LedgerInvariants {
  private LedgerInvariants() {}

  public static void assertHold(JdbcClient jdbc) {
    assertThat(jdbc.sql("""
            select count(*) from (select entry_id, asset from ledger_postings group by entry_id, asset
                                  having sum(amount) <> 0) unbalanced""").query(Long.class).single())
        .as("every entry sums to zero per asset").isZero();
    assertThat(jdbc.sql("""
            select count(*) from (select tenant_id, asset from ledger_postings group by tenant_id, asset
                                  having sum(amount) <> 0) t""").query(Long.class).single())
        .as("every tenant's postings sum to zero per asset").isZero();
    assertThat(jdbc.sql("""
            select count(*) from ledger_accounts a
            where a.keeps_balance and a.balance <> coalesce((select sum(amount) from ledger_postings p where p.account_id = a.id), 0)""")
        .query(Long.class).single()).as("kept balances equal the sum of their postings").isZero();
    assertThat(jdbc.sql("""
            select count(*) from ledger_accounts where keeps_balance and
              ((kind = 'DEBT' and balance > 0) or (kind <> 'DEBT' and balance < 0))""")
        .query(Long.class).single()).as("no budget, slot or wallet below zero; debt only in DEBT").isZero();
    assertThat(jdbc.sql("""
            select count(*) from ledger_budgets b
            where b.funded <> (select coalesce(sum(balance), 0) from ledger_accounts a where a.budget_id = b.id)
              + (select coalesce(sum(p.amount), 0) from ledger_grants g join ledger_postings p on p.entry_id = g.entry_id
                 and p.amount > 0 where g.tenant_id = b.tenant_id and g.campaign_id = b.campaign_id and g.asset = b.asset)""")
        .query(Long.class).single()).as("funded = remaining + granted for every budget").isZero();
    assertThat(jdbc.sql("""
            select count(*) from (select 1 from ledger_grants group by tenant_id, campaign_id, rule_id, source_event_id
                                  having count(*) > 1) d""").query(Long.class).single())
        .as("no duplicate grant per (campaign, rule, source event)").isZero();
  }
}
