package dev.flywheel.bench;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flywheel.ledger.LedgerInvariants;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The money path's invariants over the whole ledger ({@link LedgerInvariants}, the ledger tests'
 * own checks, including the exactly-once key) plus, for one tenant, the shape of its grant
 * entries. Correctness only: benchmarks call it after their run.
 */
final class LedgerChecks {
  private LedgerChecks() {}

  static void assertHold(JdbcClient jdbc, long tenantId) {
    LedgerInvariants.assertHold(jdbc);
    assertThat(jdbc.sql("""
            select count(*) from ledger_entries e where e.tenant_id = :t and e.kind = 'GRANT'
              and (select count(*) from ledger_postings p where p.entry_id = e.id) <> 2""")
        .param("t", tenantId).query(Long.class).single())
        .as("every grant entry of the benchmark's tenant has exactly its two postings").isZero();
  }
}
