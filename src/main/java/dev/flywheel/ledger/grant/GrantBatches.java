package dev.flywheel.ledger.grant;

import dev.flywheel.ledger.Asset;
import dev.flywheel.ledger.Grant;
import dev.flywheel.ledger.GrantOutcome;
import dev.flywheel.ledger.GrantRequest;
import dev.flywheel.ledger.budget.BudgetAlerts;
import dev.flywheel.ledger.budget.BudgetStore;
import dev.flywheel.ledger.wallet.Lockups;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;
import org.springframework.stereotype.Component;

/**
 * Many grants in one transaction ({@code Ledger.grantAll}, and the grant group commit's groups):
 * one replay read per tenant, then per (tenant, campaign, asset), in that order, one budget claim
 * for the group's total; then one statement per tenant that opens and locks every wallet the
 * grants pay (in one order, after every budget lock: see {@code BudgetStore} for the lock order);
 * then per group one insert statement for grants, entries and postings, and one alert check. Same exactly-once key and never-over-budget guarantee as single
 * grants; see {@code Ledger.grantAll} for the outcomes.
 */
@Component
public class GrantBatches {
  private final BudgetStore budgets;
  private final BudgetAlerts alerts;
  private final GrantStore grants;
  private final Lockups lockups;

  GrantBatches(BudgetStore budgets, BudgetAlerts alerts, GrantStore grants, Lockups lockups) {
    this.budgets = budgets;
    this.alerts = alerts;
    this.grants = grants;
    this.lockups = lockups;
  }

  /**
   * {@code Ledger.grantAll}'s work, in the caller's transaction: outcomes in request order.
   *
   * @param single grants one request on the single-grant path (coupon grants, which issue coupons)
   */
  public List<GrantOutcome> grantAll(List<GrantRequest> requests, Instant now,
      Function<GrantRequest, GrantOutcome> single) {
    int n = requests.size();
    GrantOutcome[] outcomes = new GrantOutcome[n];
    Map<String, Integer> first = new HashMap<>();
    int[] firstOf = new int[n];
    List<Integer> plain = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      GrantRequest r = requests.get(i);
      String key = r.tenantId() + "/" + GrantStore.key(r.campaignId(), r.ruleId(), r.sourceEventId());
      Integer earlier = first.putIfAbsent(key, i);
      firstOf[i] = earlier == null ? i : earlier;
      if (earlier == null && r.asset() != Asset.COUPON) {
        plain.add(i);
      }
    }
    // granted before this call (one read per tenant)
    Map<Long, List<Integer>> byTenant = new TreeMap<>();
    plain.forEach(i -> byTenant.computeIfAbsent(requests.get(i).tenantId(), t -> new ArrayList<>()).add(i));
    byTenant.forEach((tenant, indexes) -> {
      Map<String, Grant> stored = grants.findAll(tenant, indexes.stream().map(requests::get).toList());
      for (int i : indexes) {
        GrantRequest r = requests.get(i);
        Grant g = stored.get(GrantStore.key(r.campaignId(), r.ruleId(), r.sourceEventId()));
        if (g != null) {
          outcomes[i] = new GrantOutcome.AlreadyGranted(g);
        }
      }
    });
    // the rest, per (tenant, campaign, asset) in that order, each group in request order
    Map<List<Object>, List<Integer>> groups = new TreeMap<>((a, b) -> {
      int c = Long.compare((Long) a.get(0), (Long) b.get(0));
      c = c != 0 ? c : Long.compare((Long) a.get(1), (Long) b.get(1));
      return c != 0 ? c : ((Asset) a.get(2)).compareTo((Asset) b.get(2));
    });
    for (int i : plain) {
      if (outcomes[i] == null) {
        GrantRequest r = requests.get(i);
        groups.computeIfAbsent(List.of(r.tenantId(), r.campaignId(), r.asset()), k -> new ArrayList<>()).add(i);
      }
    }
    List<Claimed> claimed = new ArrayList<>();
    groups.forEach((key, indexes) -> claimed.add(claimGroup(requests, indexes, outcomes, now)));
    Map<Long, Map<String, Long>> wallets = new TreeMap<>();
    claimed.stream().collect(java.util.stream.Collectors.groupingBy(c -> requests.get(c.indexes().getFirst()).tenantId(),
            TreeMap::new, java.util.stream.Collectors.toList()))
        .forEach((tenant, ofTenant) -> wallets.put(tenant, grants.openWallets(tenant,
            ofTenant.stream().flatMap(c -> c.chosen().stream()).map(requests::get).toList())));
    if (!wallets.isEmpty()) {
      budgets.walletsLocked();
    }
    claimed.forEach(c -> writeGroup(requests, c, wallets, outcomes, now));
    for (int i = 0; i < n; i++) {
      if (firstOf[i] == i && outcomes[i] == null) { // coupons
        outcomes[i] = single.apply(requests.get(i));
      }
    }
    for (int i = 0; i < n; i++) {
      if (firstOf[i] != i) {
        outcomes[i] = switch (outcomes[firstOf[i]]) {
          case GrantOutcome.Granted(Grant g) -> new GrantOutcome.AlreadyGranted(g);
          case GrantOutcome.AlreadyGranted a -> a;
          case GrantOutcome.BudgetExhausted b -> b;
        };
      }
    }
    return List.of(outcomes);
  }

  /** A group's claim: the requests it can pay, in request order. */
  private record Claimed(List<Integer> indexes, BudgetStore.BatchClaim claim, List<Integer> chosen, boolean refused) {}

  private Claimed claimGroup(List<GrantRequest> requests, List<Integer> indexes, GrantOutcome[] outcomes,
      Instant now) {
    GrantRequest head = requests.get(indexes.getFirst());
    long campaign = head.campaignId();
    Asset asset = head.asset();
    long total = 0;
    for (int i : indexes) {
      total = Math.addExact(total, requests.get(i).amount());
    }
    BudgetStore.BatchClaim claim = budgets.claimBatch(head.tenantId(), campaign, asset, total, "campaign:" + campaign,
        now);
    long left = claim.available();
    List<Integer> chosen = new ArrayList<>(indexes.size());
    boolean refused = false;
    for (int i : indexes) {
      long amount = requests.get(i).amount();
      if (claim.accountId() != null && amount <= left) {
        chosen.add(i);
        left -= amount;
      } else {
        outcomes[i] = new GrantOutcome.BudgetExhausted(campaign, asset, left);
        refused = true;
      }
    }
    return new Claimed(indexes, claim, chosen, refused);
  }

  private void writeGroup(List<GrantRequest> requests, Claimed group, Map<Long, Map<String, Long>> wallets,
      GrantOutcome[] outcomes, Instant now) {
    GrantRequest head = requests.get(group.indexes().getFirst());
    long tenant = head.tenantId();
    long campaign = head.campaignId();
    Asset asset = head.asset();
    String actor = "campaign:" + campaign;
    BudgetStore.BatchClaim claim = group.claim();
    List<Integer> chosen = group.chosen();
    if (!chosen.isEmpty()) {
      List<GrantRequest> chosenRequests = chosen.stream().map(requests::get).toList();
      Map<String, GrantStore.Batched> written = new HashMap<>();
      for (GrantStore.Batched b : grants.recordAll(tenant, campaign, asset, chosenRequests, wallets.get(tenant),
          claim.accountId(), actor, now)) {
        written.put(GrantStore.key(campaign, b.ruleId(), b.sourceEventId()), b);
      }
      List<GrantRequest> twins = new ArrayList<>();
      for (int i : chosen) {
        GrantRequest r = requests.get(i);
        GrantStore.Batched b = written.get(GrantStore.key(campaign, r.ruleId(), r.sourceEventId()));
        if (b == null) {
          twins.add(r);
          continue;
        }
        if (r.pending()) {
          lockups.add(tenant, b.grantId(), r.customerId(), asset, r.amount(), r.availableAt());
        }
        outcomes[i] = new GrantOutcome.Granted(new Grant(b.grantId(), campaign, r.ruleId(), r.sourceEventId(),
            r.customerId(), asset, r.amount(), r.availableAt(), List.of(), now));
      }
      if (!twins.isEmpty()) {
        // concurrent twins committed first; we only held the budget's lock, nothing to undo
        Map<String, Grant> stored = grants.findAll(tenant, twins);
        for (int i : chosen) {
          if (outcomes[i] == null) {
            GrantRequest r = requests.get(i);
            outcomes[i] = new GrantOutcome.AlreadyGranted(
                stored.get(GrantStore.key(campaign, r.ruleId(), r.sourceEventId())));
          }
        }
      }
    }
    if (claim.budgetId() != null) {
      if (group.refused() && claim.exact()) {
        alerts.refused(claim.budgetId(), now);
      } else {
        alerts.check(claim.budgetId(), now);
      }
    }
  }
}
