package dev.flywheel.ledger;

import dev.flywheel.ledger.journal.Journal;
import dev.flywheel.ledger.journal.Journal.Leg;
import java.time.Clock;
import dev.flywheel.ledger.wallet.SpendBatches;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Spends from a customer's available balance (e.g. one lottery chance per draw): one journal
 * entry {@code SPEND}, wallet → the tenant's {@code REDEEMED} sink, so postings still sum to zero
 * per asset. Exactly once per {@code reference}: the wallet row is locked first, so a second
 * spend with the same reference, even a concurrent one, finds the first and posts nothing. Joins
 * the caller's transaction (the lottery spends a chance and grants the prize in one).
 */
@Service
public class Spending {
  private final JdbcClient jdbc;
  private final Journal journal;
  private final SpendBatches batches;
  private final Clock clock;

  Spending(JdbcClient jdbc, Journal journal, SpendBatches batches, Clock clock) {
    this.jdbc = jdbc;
    this.journal = journal;
    this.batches = batches;
    this.clock = clock;
  }

  /**
   * Many spends in the caller's transaction, each with {@link #spend}'s guarantees (exactly once
   * per reference within the wallet, never below zero) and outcome, in request order; a customer's
   * spends are taken in request order while the balance lasts. Per (tenant, asset) about four
   * statements whatever the number of spends; wallets are locked in account id order.
   */
  @Transactional
  public List<SpendOutcome> spendAll(List<SpendRequest> requests) {
    return requests.isEmpty() ? List.of() : batches.spendAll(requests, clock.instant());
  }

  /** Available balances of several customers in one read; customers the ledger never saw are absent. */
  @Transactional(readOnly = true)
  public Map<String, Long> available(long tenantId, Collection<String> customerIds, Asset asset) {
    Map<String, Long> balances = new HashMap<>();
    if (customerIds.isEmpty()) {
      return balances;
    }
    jdbc.sql("""
            select owner_id, balance from ledger_accounts where tenant_id = :tenant and owner_type = 'CUSTOMER'
              and owner_id in (:customers) and asset = :asset and kind = 'AVAILABLE' and slot = 0""")
        .param("tenant", tenantId).param("customers", List.copyOf(customerIds)).param("asset", asset.name())
        .query(rs -> {
          balances.put(rs.getString(1), rs.getLong(2));
        });
    return balances;
  }

  /**
   * @param reference the exactly-once key within the customer's wallet of this asset, e.g.
   *     {@code lottery:12:draw:<request id>}
   */
  @Transactional
  public SpendOutcome spend(long tenantId, String customerId, Asset asset, long amount, String reference,
      String actor) {
    if (amount <= 0) {
      throw new IllegalArgumentException("a spend takes a positive amount");
    }
    Optional<Journal.LockedAccount> wallet = journal.lockWallet(tenantId, customerId, asset, "AVAILABLE");
    if (wallet.isEmpty()) {
      return new SpendOutcome.Insufficient(0);
    }
    long accountId = wallet.get().id();
    Optional<Long> earlier = jdbc.sql("""
            select e.id from ledger_entries e join ledger_postings p on p.entry_id = e.id
            where e.tenant_id = :tenant and e.kind = 'SPEND' and e.reference = :reference and p.account_id = :account""")
        .param("tenant", tenantId).param("account", accountId).param("reference", reference).query(Long.class).optional();
    if (earlier.isPresent()) {
      return new SpendOutcome.Spent(earlier.get(), wallet.get().balance(), true);
    }
    if (wallet.get().balance() < amount) {
      return new SpendOutcome.Insufficient(wallet.get().balance());
    }
    long entryId = journal.post(tenantId, "SPEND", reference, actor, asset, clock.instant(),
        List.of(new Leg(accountId, -amount), new Leg(journal.sink(tenantId, asset, "REDEEMED"), amount)));
    return new SpendOutcome.Spent(entryId, wallet.get().balance() - amount, false);
  }

  /** The customer's available balance of an asset; 0 for a customer the ledger never saw. */
  @Transactional(readOnly = true)
  public long available(long tenantId, String customerId, Asset asset) {
    return jdbc.sql("""
            select balance from ledger_accounts where tenant_id = :tenant and owner_type = 'CUSTOMER'
              and owner_id = :customer and asset = :asset and kind = 'AVAILABLE' and slot = 0""")
        .param("tenant", tenantId).param("customer", customerId).param("asset", asset.name())
        .query(Long.class).optional().orElse(0L);
  }
}
