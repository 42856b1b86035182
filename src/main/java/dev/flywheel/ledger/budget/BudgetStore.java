package dev.flywheel.ledger.budget;

import dev.flywheel.ledger.Asset;
import dev.flywheel.ledger.Budget;
import dev.flywheel.ledger.journal.Journal;
import dev.flywheel.ledger.journal.Journal.Leg;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Campaign budgets, split so that one popular campaign does not serialise on one row.
 *
 * <p>A budget is a main account plus {@code slots} slot accounts. A grant claims any slot that
 * holds enough with {@code FOR UPDATE SKIP LOCKED}, so up to {@code slots} grants of one campaign
 * proceed in parallel, each holding only its slot until its transaction ends. Only when no free
 * slot holds enough does a grant take the main account's lock (the slow path): it refills the
 * emptiest free slot with a chunk; when the main account itself is short it first sweeps every
 * slot back into it (waiting for the slots in flight), so it then knows the exact remainder with
 * all rows locked: no over-grant (every debit is checked under the row lock, and a check
 * constraint backs it) and no stranded remainder (a refusal means the whole budget is short).
 *
 * <p>Lock order. A fast-path claim never waits (SKIP LOCKED). A transaction <em>waits</em> for a
 * budget's rows (its main account, then during consolidation its slots) only when every budget it
 * already holds comes before this one in (tenant, campaign, asset) order and it holds none of this
 * budget's slots and no wallet it credited ({@link HeldBudgets}); {@code Ledger.grantAll} claims in
 * that order, and locks wallets only after every claim. So a slot
 * holder never waits for its own budget's main account (whose holder may be consolidating, i.e.
 * waiting for that slot), and waits between budgets only go up the order: no cycle among budget
 * locks. A transaction that may not wait (it claims a budget a second time while holding one of
 * its slots, or claims budgets out of order) first uses what it already holds, then free slots,
 * then takes the main account and the other slots only if nobody holds them (SKIP LOCKED); when
 * that is still short while another transaction holds part of the budget, the claim is
 * {@link Claim.Short#contended() contended}: refused without waiting (and without the 100 % alert).
 */
@Component
public class BudgetStore {
  private final JdbcClient jdbc;
  private final Journal journal;

  BudgetStore(JdbcClient jdbc, Journal journal) {
    this.jdbc = jdbc;
    this.journal = journal;
  }

  /** Opens the budget on first use and moves {@code amount} from the tenant's funding account. */
  public long fund(long tenantId, long campaignId, Asset asset, long amount, int slots, String actor, Instant now) {
    long budgetId = jdbc.sql("""
            insert into ledger_budgets (tenant_id, campaign_id, asset, funded, slots, created_at)
            values (:tenant, :campaign, :asset, :amount, :slots, :now)
            on conflict (tenant_id, campaign_id, asset) do update set funded = ledger_budgets.funded + excluded.funded
            returning id""")
        .param("tenant", tenantId).param("campaign", campaignId).param("asset", asset.name())
        .param("amount", amount).param("slots", slots).param("now", Timestamp.from(now))
        .query(Long.class).single();
    jdbc.sql("""
            insert into ledger_accounts (tenant_id, owner_type, owner_id, asset, kind, slot, budget_id, keeps_balance)
            select :tenant, 'CAMPAIGN', :owner, :asset, case when s = 0 then 'BUDGET' else 'BUDGET_SLOT' end, s, :budget, true
            from generate_series(0, (select slots from ledger_budgets where id = :budget)) s
            on conflict (tenant_id, owner_type, owner_id, asset, kind, slot) do nothing""")
        .param("tenant", tenantId).param("owner", String.valueOf(campaignId)).param("asset", asset.name())
        .param("budget", budgetId).update();
    long main = mainAccount(budgetId);
    journal.post(tenantId, "FUND", "campaign:" + campaignId, actor, asset, now,
        List.of(new Leg(journal.funding(tenantId, asset), -amount), new Leg(main, amount)));
    return budgetId;
  }

  /** What the current transaction holds now: take it with a savepoint, restore it after rolling back to that. */
  public Holdings holdings() {
    return HeldBudgets.current(this).snapshot();
  }

  /** After a rollback to the savepoint taken with {@code before}: forgets the locks taken since. */
  public void restore(Holdings before) {
    HeldBudgets.current(this).restore(before);
  }

  /**
   * Records that the current transaction locked customer wallets to credit grants: from now on it
   * never waits for a budget's rows (see the class comment).
   */
  public void walletsLocked() {
    HeldBudgets.current(this).wallets();
  }

  /** Finds and locks budget value for a grant of {@code amount}; see the class comment. */
  public Claim claim(long tenantId, long campaignId, Asset asset, long amount, String actor, Instant now) {
    HeldBudgets held = HeldBudgets.current(this);
    HeldBudgets.Key key = new HeldBudgets.Key(tenantId, campaignId, asset);
    Optional<Claim.Claimed> own = heldWithEnough(held.accounts(key), amount);
    if (own.isPresent()) {
      return own.get();
    }
    Optional<Claim.Claimed> free = freeSlot(tenantId, campaignId, asset, amount);
    if (free.isPresent()) {
      held.slot(key, free.get().accountId());
      return free.get();
    }
    return slowPath(key, held, amount, actor, now);
  }

  /**
   * Finds and locks budget value for a batch of grants totalling {@code total}: the same claim as
   * {@link #claim}, once for the whole batch. When the budget cannot cover the total, answers the
   * main account (locked, every slot it could take swept into it) with what it holds, so the
   * caller grants in request order until that runs out.
   */
  public BatchClaim claimBatch(long tenantId, long campaignId, Asset asset, long total, String actor, Instant now) {
    Claim claim = claim(tenantId, campaignId, asset, total, actor, now);
    return switch (claim) {
      case Claim.Claimed c -> new BatchClaim(c.accountId(), c.budgetId(), total, true);
      case Claim.Short s -> s.lockedMain() == null ? new BatchClaim(null, s.budgetId(), 0, !s.contended())
          : new BatchClaim(s.lockedMain(), s.budgetId(), s.remaining(), !s.contended());
    };
  }

  /**
   * @param accountId the locked account to debit, null when the campaign has no budget for the asset
   * @param available how much of the batch it can pay: the batch total, or (short) the remainder
   * @param exact false when the remainder is contended (part of the budget in another transaction)
   */
  public record BatchClaim(Long accountId, Long budgetId, long available, boolean exact) {}

  /**
   * One of this transaction's own locked accounts of the budget that holds enough. Locked again
   * without waiting (a no-op for a row this transaction holds): after a rollback to a savepoint
   * the memory may name a row whose lock was released, and such a row is then taken only if free.
   */
  private Optional<Claim.Claimed> heldWithEnough(List<Long> accounts, long amount) {
    if (accounts.isEmpty()) {
      return Optional.empty();
    }
    return jdbc.sql("""
            select id, budget_id from ledger_accounts where id = any(cast(:ids as bigint[])) and balance >= :amount
            order by slot desc limit 1
            for update skip locked""")
        .param("ids", accounts.toArray(Long[]::new)).param("amount", amount)
        .query((rs, n) -> new Claim.Claimed(rs.getLong(1), rs.getLong(2))).optional();
  }

  /** A slot holding at least {@code amount} that no other transaction holds, now locked; never waits. */
  private Optional<Claim.Claimed> freeSlot(long tenantId, long campaignId, Asset asset, long amount) {
    return jdbc.sql("""
            select id, budget_id from ledger_accounts
            where tenant_id = :tenant and owner_type = 'CAMPAIGN' and owner_id = :owner and asset = :asset
              and kind = 'BUDGET_SLOT' and balance >= :amount
            order by slot limit 1
            for update skip locked""")
        .param("tenant", tenantId).param("owner", String.valueOf(campaignId)).param("asset", asset.name())
        .param("amount", amount)
        .query((rs, n) -> new Claim.Claimed(rs.getLong(1), rs.getLong(2))).optional();
  }

  private Claim slowPath(HeldBudgets.Key key, HeldBudgets held, long amount, String actor, Instant now) {
    boolean mayWait = held.mayWaitFor(key);
    Optional<Main> locked = lockMain(key, mayWait);
    if (locked.isEmpty()) {
      return mayWait ? new Claim.Short(null, 0, null, false) : busy(key);
    }
    Main main = locked.get();
    held.main(key, main.accountId());
    // Waiting for the main account's lock takes a while under load, and slots free up meanwhile.
    // If one now holds enough, take it: refilling here would move a chunk into a slot that is
    // merely busy, not short, drain the main account, and soon force a consolidation that waits
    // for every grant in flight (measured: GrantThroughputBenchmarkTest, 64 clients).
    Optional<Claim.Claimed> freed = freeSlot(key.tenantId(), key.campaignId(), key.asset(), amount);
    if (freed.isPresent()) {
      held.slot(key, freed.get().accountId());
      return freed.get();
    }
    long available = main.balance();
    if (available < amount) {
      available += consolidate(key, held, main, mayWait, actor, now);
    }
    if (available < amount) {
      boolean contended = !mayWait && othersHoldSome(main.budgetId(), held.accounts(key));
      return new Claim.Short(main.budgetId(), available, main.accountId(), contended);
    }
    long chunk = Math.min(available, Math.max(amount, main.funded() / (main.slots() * 4L)));
    if (chunk > amount) {
      Optional<Long> slot = jdbc.sql("""
              select id from ledger_accounts where budget_id = :budget and kind = 'BUDGET_SLOT'
              order by balance, slot limit 1
              for update skip locked""")
          .param("budget", main.budgetId()).query(Long.class).optional();
      if (slot.isPresent()) {
        held.slot(key, slot.get());
        journal.post(key.tenantId(), "REFILL", "campaign:" + key.campaignId(), actor, key.asset(), now,
            List.of(new Leg(main.accountId(), -chunk), new Leg(slot.get(), chunk)));
        return new Claim.Claimed(slot.get(), main.budgetId());
      }
    }
    return new Claim.Claimed(main.accountId(), main.budgetId());
  }

  /** The main account, locked: waiting for it when allowed, else only when nobody holds it. */
  private Optional<Main> lockMain(HeldBudgets.Key key, boolean mayWait) {
    return jdbc.sql("""
            select a.id, a.balance, b.id, b.funded, b.slots from ledger_accounts a
            join ledger_budgets b on b.id = a.budget_id
            where a.tenant_id = :tenant and a.owner_type = 'CAMPAIGN' and a.owner_id = :owner
              and a.asset = :asset and a.kind = 'BUDGET' and a.slot = 0
            for update of a""" + (mayWait ? "" : " skip locked"))
        .param("tenant", key.tenantId()).param("owner", String.valueOf(key.campaignId()))
        .param("asset", key.asset().name())
        .query((rs, n) -> new Main(rs.getLong(1), rs.getLong(2), rs.getLong(3), rs.getLong(4), rs.getInt(5)))
        .optional();
  }

  /** Refused without waiting: another transaction holds the main account (or there is no budget). */
  private Claim busy(HeldBudgets.Key key) {
    return jdbc.sql("""
            select b.id, coalesce(sum(a.balance), 0) from ledger_budgets b join ledger_accounts a on a.budget_id = b.id
            where b.tenant_id = :tenant and b.campaign_id = :campaign and b.asset = :asset group by b.id""")
        .param("tenant", key.tenantId()).param("campaign", key.campaignId()).param("asset", key.asset().name())
        .query((rs, n) -> (Claim) new Claim.Short(rs.getLong(1), rs.getLong(2), null, true))
        .optional().orElse(new Claim.Short(null, 0, null, false));
  }

  /** Whether a slot this transaction does not hold still holds value (committed, so another is using it). */
  private boolean othersHoldSome(long budgetId, List<Long> mine) {
    return jdbc.sql("""
            select exists (select 1 from ledger_accounts where budget_id = :budget and kind = 'BUDGET_SLOT'
                             and balance > 0 and id <> all(cast(:mine as bigint[])))""")
        .param("budget", budgetId).param("mine", mine.toArray(Long[]::new)).query(Boolean.class).single();
  }

  /** Moves every slot's balance back to the main account: waiting for slots in flight when allowed. */
  private long consolidate(HeldBudgets.Key key, HeldBudgets held, Main main, boolean mayWait, String actor,
      Instant now) {
    List<Leg> legs = new ArrayList<>();
    jdbc.sql("""
            select id, balance from ledger_accounts
            where budget_id = :budget and kind = 'BUDGET_SLOT' and balance > 0
            order by slot
            for update""" + (mayWait ? "" : " skip locked"))
        .param("budget", main.budgetId())
        .query(rs -> {
          legs.add(new Leg(rs.getLong(1), -rs.getLong(2)));
        });
    legs.forEach(l -> held.slot(key, l.accountId()));
    long tenantId = key.tenantId();
    Asset asset = key.asset();
    long swept = -legs.stream().mapToLong(Leg::amount).sum();
    if (swept > 0) {
      legs.add(new Leg(main.accountId(), swept));
      journal.post(tenantId, "CONSOLIDATE", "budget:" + main.budgetId(), actor, asset, now, legs);
    }
    return swept;
  }

  private long mainAccount(long budgetId) {
    return jdbc.sql("select id from ledger_accounts where budget_id = :budget and kind = 'BUDGET'")
        .param("budget", budgetId).query(Long.class).single();
  }

  /** Funded and remaining per asset of one campaign. */
  public Budget budget(long tenantId, long campaignId) {
    Map<Asset, Budget.Line> lines = new EnumMap<>(Asset.class);
    jdbc.sql("""
            select b.asset, b.funded, coalesce(sum(a.balance), 0) from ledger_budgets b
            left join ledger_accounts a on a.budget_id = b.id
            where b.tenant_id = :tenant and b.campaign_id = :campaign
            group by b.id""")
        .param("tenant", tenantId).param("campaign", campaignId)
        .query(rs -> {
          long funded = rs.getLong(2);
          long remaining = rs.getLong(3);
          lines.put(Asset.valueOf(rs.getString(1)), new Budget.Line(funded, remaining, funded - remaining));
        });
    return new Budget(campaignId, lines);
  }

  private record Main(long accountId, long balance, long budgetId, long funded, int slots) {}
}
