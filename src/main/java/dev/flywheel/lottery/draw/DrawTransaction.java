package dev.flywheel.lottery.draw;

import dev.flywheel.ledger.Asset;
import dev.flywheel.ledger.GrantOutcome;
import dev.flywheel.ledger.GrantRequest;
import dev.flywheel.ledger.Ledger;
import dev.flywheel.ledger.SpendOutcome;
import dev.flywheel.ledger.Spending;
import dev.flywheel.lottery.Draw;
import dev.flywheel.lottery.DrawOutcome;
import dev.flywheel.lottery.Guarantee;
import dev.flywheel.lottery.Lottery;
import dev.flywheel.lottery.LotteryStatus;
import dev.flywheel.lottery.Prize;
import dev.flywheel.lottery.PrizeKind;
import dev.flywheel.lottery.store.DrawStore;
import dev.flywheel.lottery.store.FulfilmentStore;
import dev.flywheel.lottery.store.LotteryStore;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.stereotype.Component;
import org.springframework.transaction.TransactionStatus;

/**
 * One draw inside the caller's transaction: replay check, window, a lock-free chance pre-check,
 * the customer's row lock (and the replay check again), the weighted pick, the conditional stock
 * decrement (a unit raced away = pick again without it), the prize granted from the lottery's
 * budget, one chance spent in the ledger (exactly once per request id), the draw row, a
 * fulfilment task for a physical prize. Any refusal marks the transaction rollback-only: nothing
 * is written (a stock unit or grant taken before a late refusal rolls back with it).
 */
@Component
public class DrawTransaction {
  private final LotteryStore lotteries;
  private final DrawStore draws;
  private final FulfilmentStore fulfilments;
  private final Spending spending;
  private final Ledger ledger;

  DrawTransaction(LotteryStore lotteries, DrawStore draws, FulfilmentStore fulfilments, Spending spending,
      Ledger ledger) {
    this.lotteries = lotteries;
    this.draws = draws;
    this.fulfilments = fulfilments;
    this.spending = spending;
    this.ledger = ledger;
  }

  /** What one attempt ended with; {@link Replay} = read the stored draw after rolling back. */
  public sealed interface Attempt {
    record Answer(DrawOutcome outcome) implements Attempt {}

    record Replay() implements Attempt {}
  }

  public Attempt draw(TransactionStatus tx, long tenantId, long lotteryId, String customerId, String requestId,
      String actor, Instant now) {
    Optional<Lottery> found = lotteries.find(tenantId, lotteryId);
    if (found.isEmpty()) {
      return new Attempt.Answer(new DrawOutcome.Refused("not-found", "Lottery " + lotteryId + " was not found"));
    }
    Lottery lottery = found.get();
    if (draws.byRequest(lotteryId, requestId).isPresent()) {
      return new Attempt.Replay();
    }
    Optional<DrawOutcome.Refused> closed = closed(lottery, now);
    if (closed.isPresent()) {
      return new Attempt.Answer(closed.get());
    }
    if (spending.available(tenantId, customerId, Asset.LOTTERY_CHANCE) < 1) { // fast refusal, nothing locked
      return new Attempt.Answer(new DrawOutcome.Refused("no-chances", "The customer has no lottery chance left"));
    }
    DrawStore.Player player = draws.lockPlayer(tenantId, lotteryId, customerId);
    if (draws.byRequest(lotteryId, requestId).isPresent()) { // a twin of this request committed while we waited
      tx.setRollbackOnly();
      return new Attempt.Replay();
    }
    Guarantee guarantee = lottery.guarantee();
    boolean due = guarantee != null && player.dryStreak() + 1 >= guarantee.draws();
    boolean limited = lottery.prizes().stream().anyMatch(p -> p.perCustomerLimit() != null);
    Map<Long, Integer> wins = limited ? draws.wins(lotteryId, customerId) : Map.of();
    Picker.Plan plan = Picker.plan(lottery.prizes(), wins, guarantee, due);
    Picked picked = take(plan, lottery.prizes(), DrawDice.of(lotteries.seedSecret(lotteryId), requestId));
    Long grantId = grant(tenantId, lotteryId, customerId, requestId, picked.prize());
    // the chance last: the customer's prize wallet (points / cash) is locked before the chance
    // wallet, as by an event that grants points and then chances (the other order may deadlock:
    // Draws retries the victim)
    String reference = chanceReference(lotteryId, requestId);
    SpendOutcome spend = spending.spend(tenantId, customerId, Asset.LOTTERY_CHANCE, 1, reference, actor);
    if (spend instanceof SpendOutcome.Insufficient) {
      tx.setRollbackOnly();
      return new Attempt.Answer(new DrawOutcome.Refused("no-chances", "The customer has no lottery chance left"));
    }
    SpendOutcome.Spent spent = (SpendOutcome.Spent) spend;
    if (spent.replayed()) {
      tx.setRollbackOnly();
      return new Attempt.Replay();
    }
    Optional<Long> drawId = draws.insert(tenantId, lotteryId, requestId, customerId, picked.prize().id(),
        picked.guaranteed(), spent.entryId(), grantId, now);
    if (drawId.isEmpty()) { // another customer's request with the same id committed first
      tx.setRollbackOnly();
      return new Attempt.Replay();
    }
    if (picked.prize().kind() == PrizeKind.PHYSICAL) {
      fulfilments.open(tenantId, lotteryId, drawId.get(), customerId, picked.prize().id(), actor, now);
    }
    draws.drew(lotteryId, customerId, guarantee != null && picked.prize().tier() >= guarantee.tier());
    Draw draw = draws.byRequest(lotteryId, requestId).orElseThrow();
    return new Attempt.Answer(new DrawOutcome.Drawn(draw, false, spent.availableAfter()));
  }

  static Optional<DrawOutcome.Refused> closed(Lottery lottery, Instant now) {
    if (lottery.status() == LotteryStatus.DRAFT) {
      return Optional.of(new DrawOutcome.Refused("lottery-not-live", "Lottery " + lottery.id() + " is not launched"));
    }
    if (now.isBefore(lottery.startsAt())) {
      return Optional.of(new DrawOutcome.Refused("lottery-not-started",
          "Lottery " + lottery.id() + " starts at " + lottery.startsAt()));
    }
    if (lottery.status() == LotteryStatus.ENDED || !now.isBefore(lottery.endsAt())) {
      return Optional.of(new DrawOutcome.Refused("lottery-ended", "Lottery " + lottery.id() + " has ended"));
    }
    return Optional.empty();
  }

  private record Picked(Prize prize, boolean guaranteed) {}

  /** Picks and takes a unit; a prize whose last unit raced away leaves the candidates. */
  private Picked take(Picker.Plan plan, List<Prize> pool, Picker.Dice dice) {
    List<Prize> candidates = new ArrayList<>(plan.candidates());
    while (true) {
      Optional<Prize> pick = Picker.pick(candidates, dice);
      if (pick.isEmpty()) {
        return new Picked(Picker.fallback(pool), false);
      }
      Prize prize = pick.get();
      if (prize.stock() == null || draws.takeOne(prize.id())) {
        return new Picked(prize, plan.guaranteed());
      }
      candidates.remove(prize);
    }
  }

  /** The exactly-once key of a draw's chance spend in the customer's chance wallet. */
  static String chanceReference(long lotteryId, String requestId) {
    return "lottery:" + lotteryId + ":draw:" + requestId;
  }

  /** The prize's value from the lottery's budget; null for physical prizes and thank-you. */
  private Long grant(long tenantId, long lotteryId, String customerId, String requestId, Prize prize) {
    Optional<GrantRequest> request = grantRequest(budgetKey(tenantId, lotteryId), tenantId, lotteryId, customerId,
        requestId, prize);
    return request.isEmpty() ? null : grantId(lotteryId, ledger.grant(request.get()));
  }

  /** The lottery's budget key in the ledger. */
  long budgetKey(long tenantId, long lotteryId) {
    return ledger.budgetKey(tenantId, Lottery.BUDGET_OWNER, String.valueOf(lotteryId));
  }

  /** The ledger grant of a prize's value; empty for physical prizes and thank-you. */
  static Optional<GrantRequest> grantRequest(long budget, long tenantId, long lotteryId, String customerId,
      String requestId, Prize prize) {
    Optional<Asset> asset = prize.kind().asset();
    if (asset.isEmpty()) {
      return Optional.empty();
    }
    String rule = "prize-" + prize.id();
    String source = "lottery-draw:" + lotteryId + ":" + requestId;
    return Optional.of(prize.kind() == PrizeKind.COUPON
        ? GrantRequest.coupons(tenantId, budget, rule, source, customerId, prize.couponTemplateId(),
            (int) prize.amount())
        : GrantRequest.of(tenantId, budget, rule, source, customerId, asset.get(), prize.amount()));
  }

  static long grantId(long lotteryId, GrantOutcome outcome) {
    return switch (outcome) {
      case GrantOutcome.Granted g -> g.grant().id();
      case GrantOutcome.AlreadyGranted a -> a.grant().id();
      // the budget is funded for the whole stock at launch: running short is a bug, not a business "no"
      case GrantOutcome.BudgetExhausted b -> throw new IllegalStateException(
          "lottery " + lotteryId + " budget short of " + b.asset() + " (remaining " + b.remaining() + ")");
    };
  }
}
