package dev.flywheel.lottery.draw;

import dev.flywheel.ledger.Asset;
import dev.flywheel.ledger.GrantOutcome;
import dev.flywheel.ledger.GrantRequest;
import dev.flywheel.ledger.Ledger;
import dev.flywheel.ledger.SpendOutcome;
import dev.flywheel.ledger.SpendRequest;
import dev.flywheel.ledger.Spending;
import dev.flywheel.lottery.Draw;
import dev.flywheel.lottery.DrawOutcome;
import dev.flywheel.lottery.Lottery;
import dev.flywheel.lottery.Prize;
import dev.flywheel.lottery.PrizeKind;
import dev.flywheel.lottery.store.DrawGroupStore;
import dev.flywheel.lottery.store.FulfilmentStore;
import dev.flywheel.lottery.store.LotteryStore;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import org.springframework.stereotype.Component;

/**
 * Many draws in the caller's transaction (the draw group commit's groups), with
 * {@link DrawTransaction}'s outcomes and guarantees, set-based per lottery (lotteries in id order):
 * the replay check, the players' rows locked (customer order), every pick made in memory against
 * the committed stock in request order (a customer's draws one after the other: guarantee counter
 * and per-customer limits exact), the prizes granted by one {@link Ledger#grantAll}, the chances
 * spent by one {@link Spending#spendAll}, the draw rows and the players' counters by one statement
 * each, and last the stock taken by one conditional update.
 *
 * <p>Locks: players, prize wallets, chance wallets, and the prize rows last. Every draw of the
 * lottery needs the prize rows, so a group holds them only from its stock update to its commit
 * and the other worker's group does all its other work meanwhile (the single draw of
 * {@link DrawTransaction} takes its unit before its wallets; the rare deadlock between the two
 * paths aborts one, which runs again). Anything unexpected — stock taken by another transaction
 * since the read (the stock update or the exactly-funded budget comes up short), a chance spent
 * elsewhere since the lock-free pre-read, a request id a concurrent twin committed — throws
 * {@link GroupFailed}: the group rolls back and the group commit retries its draws one by one on
 * {@link DrawTransaction}'s path.
 */
@Component
public class DrawGroup {
  private final LotteryStore lotteries;
  private final DrawGroupStore store;
  private final FulfilmentStore fulfilments;
  private final Spending spending;
  private final Ledger ledger;
  /** Seed secrets by lottery id: written once at creation, never changed. */
  private final Map<Long, byte[]> secrets = new java.util.concurrent.ConcurrentHashMap<>();

  DrawGroup(LotteryStore lotteries, DrawGroupStore store, FulfilmentStore fulfilments, Spending spending,
      Ledger ledger) {
    this.lotteries = lotteries;
    this.store = store;
    this.fulfilments = fulfilments;
    this.spending = spending;
    this.ledger = ledger;
  }

  /** One draw of a group. */
  public record Request(long tenantId, long lotteryId, String customerId, String requestId, String actor) {}

  /** The group must be retried draw by draw (nothing of it is committed). */
  public static final class GroupFailed extends RuntimeException {
    GroupFailed(String message) {
      super(message, null, false, false);
    }
  }

  /** One attempt per request, in order. */
  public List<DrawTransaction.Attempt> drawAll(List<Request> requests, Instant now) {
    DrawTransaction.Attempt[] answers = new DrawTransaction.Attempt[requests.size()];
    Map<List<Long>, List<Integer>> byLottery = new TreeMap<>((a, b) -> a.get(0).equals(b.get(0))
        ? Long.compare(a.get(1), b.get(1)) : Long.compare(a.get(0), b.get(0)));
    for (int i = 0; i < requests.size(); i++) { // per (lottery, tenant): a wrong tenant's id finds no lottery
      Request r = requests.get(i);
      byLottery.computeIfAbsent(List.of(r.lotteryId(), r.tenantId()), l -> new ArrayList<>()).add(i);
    }
    byLottery.forEach((lottery, indexes) -> drawLottery(requests, indexes, answers, now));
    return List.of(answers);
  }

  private void drawLottery(List<Request> requests, List<Integer> indexes, DrawTransaction.Attempt[] answers,
      Instant now) {
    Request head = requests.get(indexes.getFirst());
    long tenant = head.tenantId();
    Optional<Lottery> found = lotteries.header(tenant, head.lotteryId()); // the pool: locked below
    Optional<DrawOutcome.Refused> closed = found.isEmpty()
        ? Optional.of(new DrawOutcome.Refused("not-found", "Lottery " + head.lotteryId() + " was not found"))
        : DrawTransaction.closed(found.get(), now);
    List<Integer> live = new ArrayList<>();
    for (int i : indexes) {
      if (closed.isPresent()) {
        answers[i] = new DrawTransaction.Attempt.Answer(closed.get());
      } else {
        live.add(i);
      }
    }
    if (live.isEmpty()) {
      return;
    }
    Lottery lottery = found.orElseThrow();
    Set<String> drawn = new HashSet<>(store.drawn(lottery.id(),
        live.stream().map(i -> requests.get(i).requestId()).distinct().toArray(String[]::new)));
    Map<String, Long> chances = spending.available(tenant,
        live.stream().map(i -> requests.get(i).customerId()).distinct().toList(), Asset.LOTTERY_CHANCE);
    List<Integer> drawing = new ArrayList<>();
    Map<String, Long> allowed = new HashMap<>(chances);
    for (int i : live) {
      Request r = requests.get(i);
      if (!drawn.add(r.requestId())) { // drew before, or an earlier request of this group has the id
        answers[i] = new DrawTransaction.Attempt.Replay();
      } else if (allowed.getOrDefault(r.customerId(), 0L) < 1) {
        answers[i] = new DrawTransaction.Attempt.Answer(
            new DrawOutcome.Refused("no-chances", "The customer has no lottery chance left"));
      } else {
        allowed.merge(r.customerId(), -1L, Long::sum);
        drawing.add(i);
      }
    }
    if (!drawing.isEmpty()) {
      DrawPicks picks = DrawPicks.make(lottery, requests, drawing, store,
          secrets.computeIfAbsent(lottery.id(), lotteries::seedSecret));
      commit(lottery, requests, drawing, picks, answers, now);
    }
  }

  private void commit(Lottery lottery, List<Request> requests, List<Integer> drawing, DrawPicks picks,
      DrawTransaction.Attempt[] answers, Instant now) {
    long tenant = requests.get(drawing.getFirst()).tenantId();
    Long[] grantIds = grants(lottery, requests, drawing, picks);
    List<SpendOutcome> spent = spending.spendAll(drawing.stream().map(i -> {
      Request r = requests.get(i);
      return new SpendRequest(tenant, r.customerId(), Asset.LOTTERY_CHANCE, 1,
          DrawTransaction.chanceReference(lottery.id(), r.requestId()), r.actor());
    }).toList());
    int n = drawing.size();
    String[] requestIds = new String[n];
    String[] customers = new String[n];
    Long[] prizes = new Long[n];
    Boolean[] guaranteed = new Boolean[n];
    Long[] entries = new Long[n];
    for (int k = 0; k < n; k++) {
      if (!(spent.get(k) instanceof SpendOutcome.Spent s) || s.replayed()) {
        throw new GroupFailed("a chance was spent elsewhere since the group read it");
      }
      Request r = requests.get(drawing.get(k));
      requestIds[k] = r.requestId();
      customers[k] = r.customerId();
      prizes[k] = picks.prizes().get(k).id();
      guaranteed[k] = picks.guaranteed().get(k);
      entries[k] = s.entryId();
    }
    Map<String, Long> drawIds = store.insert(tenant, lottery.id(),
        new DrawGroupStore.Rows(requestIds, customers, prizes, guaranteed, entries, grantIds), now);
    if (drawIds.size() != n) {
      throw new GroupFailed("a concurrent twin drew one of the group's request ids");
    }
    store.drew(lottery.id(), picks.players().keySet().toArray(String[]::new),
        picks.players().values().stream().map(p -> p.draws()).toArray(Integer[]::new),
        picks.players().values().stream().map(p -> p.dryStreak()).toArray(Integer[]::new));
    // the stock last: every draw of the lottery needs these rows, so they are held only from here to the commit
    if (!picks.taken().isEmpty() && store.take(picks.taken().keySet().toArray(Long[]::new),
        picks.taken().values().toArray(Integer[]::new)) != picks.taken().size()) {
      throw new GroupFailed("stock ran out since the group read it");
    }
    for (int k = 0; k < n; k++) {
      Request r = requests.get(drawing.get(k));
      Prize prize = picks.prizes().get(k);
      long drawId = drawIds.get(r.requestId());
      var fulfilment = prize.kind() == PrizeKind.PHYSICAL ? open(lottery, r, drawId, prize, now) : null;
      Draw draw = new Draw(drawId, lottery.id(), r.requestId(), r.customerId(), picks.after().get(k),
          guaranteed[k], grantIds[k], fulfilment, now);
      answers[drawing.get(k)] = new DrawTransaction.Attempt.Answer(
          new DrawOutcome.Drawn(draw, false, ((SpendOutcome.Spent) spent.get(k)).availableAfter()));
    }
  }

  private dev.flywheel.lottery.Fulfilment open(Lottery lottery, Request r, long drawId, Prize prize, Instant now) {
    fulfilments.open(r.tenantId(), lottery.id(), drawId, r.customerId(), prize.id(), r.actor(), now);
    return fulfilments.forDraw(drawId).orElseThrow();
  }

  /** The prizes' values from the lottery's budget, in one {@link Ledger#grantAll}; null where nothing is granted. */
  private Long[] grants(Lottery lottery, List<Request> requests, List<Integer> drawing, DrawPicks picks) {
    Long[] grantIds = new Long[drawing.size()];
    List<GrantRequest> grants = new ArrayList<>();
    List<Integer> granting = new ArrayList<>();
    long budget = ledger.budgetKey(requests.get(drawing.getFirst()).tenantId(), Lottery.BUDGET_OWNER,
        String.valueOf(lottery.id()));
    for (int k = 0; k < drawing.size(); k++) {
      Request r = requests.get(drawing.get(k));
      Optional<GrantRequest> grant = DrawTransaction.grantRequest(budget, r.tenantId(), lottery.id(), r.customerId(),
          r.requestId(), picks.prizes().get(k));
      if (grant.isPresent()) {
        grants.add(grant.get());
        granting.add(k);
      }
    }
    if (!grants.isEmpty()) {
      List<GrantOutcome> outcomes = ledger.grantAll(grants);
      if (outcomes.stream().anyMatch(o -> o instanceof GrantOutcome.BudgetExhausted)) {
        // the budget is funded for the stock: short here means another transaction is taking the
        // last units the group read as available (its stock update, last, would fail too)
        throw new GroupFailed("the lottery budget is short: its last units are being drawn elsewhere");
      }
      for (int g = 0; g < granting.size(); g++) {
        grantIds[granting.get(g)] = DrawTransaction.grantId(lottery.id(), outcomes.get(g));
      }
    }
    return grantIds;
  }
}
