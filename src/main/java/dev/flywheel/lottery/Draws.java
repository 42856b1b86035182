package dev.flywheel.lottery;

import dev.flywheel.ledger.Asset;
import dev.flywheel.ledger.Spending;
import dev.flywheel.lottery.draw.DrawTransaction;
import dev.flywheel.lottery.store.DrawStore;
import dev.flywheel.lottery.store.LotteryStore;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Customers' draws. {@link #draw} is one transaction of its own: one chance spent, one prize
 * (stock taken by a conditional update, value granted from the lottery's budget), idempotent by
 * request id — a replay, even a concurrent one, answers the stored draw and changes nothing.
 */
@Service
public class Draws {
  public static final int MAX_REQUEST_ID_LENGTH = 100;
  private final DrawTransaction transaction;
  private final DrawStore draws;
  private final LotteryStore lotteries;
  private final Spending spending;
  private final TransactionTemplate tx;
  private final TransactionTemplate readOnly;
  private final Clock clock;

  Draws(DrawTransaction transaction, DrawStore draws, LotteryStore lotteries, Spending spending,
      PlatformTransactionManager transactions, Clock clock) {
    this.transaction = transaction;
    this.draws = draws;
    this.lotteries = lotteries;
    this.spending = spending;
    this.tx = new TransactionTemplate(transactions);
    this.tx.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
    this.readOnly = new TransactionTemplate(transactions);
    this.readOnly.setReadOnly(true);
    this.clock = clock;
  }

  /** @throws IllegalArgumentException for a blank or too long request id or customer id */
  public DrawOutcome draw(long tenantId, long lotteryId, String customerId, String requestId, String actor) {
    if (requestId == null || requestId.isBlank() || requestId.length() > MAX_REQUEST_ID_LENGTH) {
      throw new IllegalArgumentException("request id must be 1.." + MAX_REQUEST_ID_LENGTH + " characters");
    }
    if (customerId == null || customerId.isBlank()) {
      throw new IllegalArgumentException("customer id is required");
    }
    DrawTransaction.Attempt attempt = tx.execute(status ->
        transaction.draw(status, tenantId, lotteryId, customerId, requestId, actor, clock.instant()));
    return switch (attempt) {
      case DrawTransaction.Attempt.Answer answer -> answer.outcome();
      case DrawTransaction.Attempt.Replay replay -> replay(lotteryId, customerId, requestId, tenantId);
    };
  }

  private DrawOutcome replay(long lotteryId, String customerId, String requestId, long tenantId) {
    Optional<Draw> stored = draws.byRequest(lotteryId, requestId);
    if (stored.isEmpty()) {
      throw new IllegalStateException("a replayed draw must be stored");
    }
    if (!stored.get().customerId().equals(customerId)) {
      return new DrawOutcome.Refused("request-id-reused",
          "Request id " + requestId + " was used by another customer's draw");
    }
    return new DrawOutcome.Drawn(stored.get(), true, chances(tenantId, customerId));
  }

  /** The customer's draws in a lottery, newest first (at most 100). */
  public List<Draw> history(long tenantId, long lotteryId, String customerId) {
    return readOnly.execute(s -> lotteries.find(tenantId, lotteryId)
        .map(l -> draws.forCustomer(lotteryId, customerId, 100)).orElse(List.of()));
  }

  /** The latest draws of a lottery, newest first. */
  public List<Draw> latest(long tenantId, long lotteryId, int limit) {
    return readOnly.execute(s -> lotteries.find(tenantId, lotteryId)
        .map(l -> draws.latest(lotteryId, limit)).orElse(List.of()));
  }

  public long count(long tenantId, long lotteryId) {
    return readOnly.execute(s -> lotteries.find(tenantId, lotteryId).map(l -> draws.count(lotteryId)).orElse(0L));
  }

  /** The customer's available lottery chances (the ledger's LOTTERY_CHANCE balance; all lotteries share them). */
  public long chances(long tenantId, String customerId) {
    return spending.available(tenantId, customerId, Asset.LOTTERY_CHANCE);
  }
}
