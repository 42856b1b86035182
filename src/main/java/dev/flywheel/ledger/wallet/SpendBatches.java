package dev.flywheel.ledger.wallet;

import dev.flywheel.ledger.Asset;
import dev.flywheel.ledger.SpendOutcome;
import dev.flywheel.ledger.SpendRequest;
import dev.flywheel.ledger.journal.Journal;
import dev.flywheel.platform.db.SqlArrays;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import javax.sql.DataSource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Many spends in the caller's transaction ({@code Spending.spendAll}): per (tenant, asset), in that
 * order, one statement locks the wallets (in id order), one finds the references spent before, and
 * one writes every new SPEND entry with its two postings — whatever the number of spends.
 */
@Component
public class SpendBatches {
  private final JdbcClient jdbc;
  private final DataSource dataSource;
  private final Journal journal;

  SpendBatches(JdbcClient jdbc, DataSource dataSource, Journal journal) {
    this.jdbc = jdbc;
    this.dataSource = dataSource;
    this.journal = journal;
  }

  /** Outcomes in request order; a reference repeated inside the batch answers the first one's spend as replayed. */
  public List<SpendOutcome> spendAll(List<SpendRequest> requests, Instant now) {
    SpendOutcome[] outcomes = new SpendOutcome[requests.size()];
    Map<String, List<Integer>> groups = new TreeMap<>();
    for (int i = 0; i < requests.size(); i++) {
      SpendRequest r = requests.get(i);
      groups.computeIfAbsent(String.format("%020d/%s", r.tenantId(), r.asset().name()), k -> new ArrayList<>()).add(i);
    }
    groups.values().forEach(indexes -> spendGroup(requests, indexes, outcomes, now));
    return List.of(outcomes);
  }

  private record Wallet(long id, long[] balance) {}

  private void spendGroup(List<SpendRequest> requests, List<Integer> indexes, SpendOutcome[] outcomes, Instant now) {
    SpendRequest head = requests.get(indexes.getFirst());
    long tenant = head.tenantId();
    Asset asset = head.asset();
    Map<String, Wallet> wallets = lock(tenant, asset, indexes.stream().map(i -> requests.get(i).customerId())
        .distinct().toArray(String[]::new));
    Map<String, Long> earlier = earlier(tenant, wallets, indexes.stream().map(i -> requests.get(i).reference()).distinct()
        .toArray(String[]::new));
    Map<String, Integer> firstOf = new HashMap<>();
    List<Integer> posting = new ArrayList<>();
    for (int i : indexes) {
      SpendRequest r = requests.get(i);
      Wallet wallet = wallets.get(r.customerId());
      String key = r.customerId() + "\n" + r.reference();
      if (wallet == null) {
        outcomes[i] = new SpendOutcome.Insufficient(0);
      } else if (earlier.containsKey(key)) {
        outcomes[i] = new SpendOutcome.Spent(earlier.get(key), wallet.balance()[0], true);
      } else if (firstOf.containsKey(key)) {
        outcomes[i] = null; // the first one's entry, once written
      } else if (wallet.balance()[0] < r.amount()) {
        outcomes[i] = new SpendOutcome.Insufficient(wallet.balance()[0]);
      } else {
        wallet.balance()[0] -= r.amount();
        firstOf.put(key, i);
        posting.add(i);
        outcomes[i] = new SpendOutcome.Spent(0, wallet.balance()[0], false);
      }
    }
    Map<Integer, Long> entries = post(tenant, asset, requests, posting, wallets, now);
    for (int i : posting) {
      SpendOutcome.Spent s = (SpendOutcome.Spent) outcomes[i];
      outcomes[i] = new SpendOutcome.Spent(entries.get(i), s.availableAfter(), false);
    }
    for (int i : indexes) {
      if (outcomes[i] == null) {
        SpendRequest r = requests.get(i);
        int first = firstOf.get(r.customerId() + "\n" + r.reference());
        outcomes[i] = new SpendOutcome.Spent(entries.get(first), wallets.get(r.customerId()).balance()[0], true);
      }
    }
  }

  private Map<String, Wallet> lock(long tenant, Asset asset, String[] customers) {
    Map<String, Wallet> wallets = new HashMap<>();
    jdbc.sql("""
            select id, owner_id, balance from ledger_accounts
            where tenant_id = :tenant and owner_type = 'CUSTOMER' and owner_id = any(cast(:customers as text[]))
              and asset = :asset and kind = 'AVAILABLE' and slot = 0
            order by id for update""")
        .param("tenant", tenant).param("customers", array("text", customers)).param("asset", asset.name())
        .query(rs -> {
          wallets.put(rs.getString(2), new Wallet(rs.getLong(1), new long[] {rs.getLong(3)}));
        });
    return wallets;
  }

  /** Entry ids of the references spent before from these wallets, by {@code customer \n reference}. */
  private Map<String, Long> earlier(long tenant, Map<String, Wallet> wallets, String[] references) {
    Map<String, Long> found = new HashMap<>();
    if (wallets.isEmpty()) {
      return found;
    }
    Map<Long, String> owners = new HashMap<>();
    wallets.forEach((customer, w) -> owners.put(w.id(), customer));
    jdbc.sql("""
            select p.account_id, e.reference, e.id from ledger_entries e join ledger_postings p on p.entry_id = e.id
            where e.tenant_id = :tenant and e.kind = 'SPEND' and e.reference = any(cast(:references as text[]))
              and p.account_id = any(cast(:accounts as bigint[]))""")
        .param("tenant", tenant)
        .param("accounts", array("int8", owners.keySet().toArray(Long[]::new)))
        .param("references", array("text", references))
        .query(rs -> {
          found.put(owners.get(rs.getLong(1)) + "\n" + rs.getString(2), rs.getLong(3));
        });
    return found;
  }

  /** Every new entry and its two postings in ONE statement (the balance trigger runs per statement). */
  private Map<Integer, Long> post(long tenant, Asset asset, List<SpendRequest> requests, List<Integer> posting,
      Map<String, Wallet> wallets, Instant now) {
    Map<Integer, Long> entries = new HashMap<>();
    if (posting.isEmpty()) {
      return entries;
    }
    int n = posting.size();
    String[] references = new String[n];
    String[] actors = new String[n];
    Long[] accounts = new Long[n];
    Long[] amounts = new Long[n];
    for (int k = 0; k < n; k++) {
      SpendRequest r = requests.get(posting.get(k));
      references[k] = r.reference();
      actors[k] = r.actor();
      accounts[k] = wallets.get(r.customerId()).id();
      amounts[k] = r.amount();
    }
    long sink = journal.sink(tenant, asset, "REDEEMED");
    List<long[]> written = jdbc.sql("""
            with r as (
              select * from unnest(cast(:references as text[]), cast(:actors as text[]), cast(:accounts as bigint[]),
                                   cast(:amounts as bigint[]))
                with ordinality as r(reference, actor, account_id, amount, ord)),
            ids as (
              select r.*, nextval(pg_get_serial_sequence('ledger_entries', 'id')) as entry_id from r),
            e as (
              insert into ledger_entries (id, tenant_id, kind, reference, actor, created_at)
              select entry_id, :tenant, 'SPEND', reference, actor, :now from ids
              returning id),
            p as (
              insert into ledger_postings (entry_id, tenant_id, account_id, asset, amount, created_at)
              select ids.entry_id, cast(:tenant as bigint), ids.account_id, cast(:asset as text), -ids.amount,
                     cast(:now as timestamptz) from ids join e on e.id = ids.entry_id
              union all
              select ids.entry_id, :tenant, :sink, :asset, ids.amount, :now from ids join e on e.id = ids.entry_id
              returning 1)
            select ord, entry_id, (select count(*) from p) from ids order by ord""")
        .param("references", array("text", references)).param("actors", array("text", actors))
        .param("accounts", array("int8", accounts)).param("amounts", array("int8", amounts))
        .param("tenant", tenant).param("asset", asset.name()).param("sink", sink).param("now", Timestamp.from(now))
        .query((rs, i) -> new long[] {rs.getLong(1), rs.getLong(2)}).list();
    for (long[] w : written) {
      entries.put(posting.get((int) w[0] - 1), w[1]);
    }
    return entries;
  }

  private java.sql.Array array(String type, Object[] values) {
    return SqlArrays.of(dataSource, type, values);
  }
}
