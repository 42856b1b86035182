package dev.flywheel.lottery;

import dev.flywheel.ledger.Asset;
import dev.flywheel.ledger.Spending;
import dev.flywheel.lottery.draw.DrawGroup;
import dev.flywheel.lottery.draw.DrawTransaction;
import dev.flywheel.platform.batch.GroupCommit;
import jakarta.annotation.PreDestroy;
import java.time.Duration;
import dev.flywheel.lottery.store.DrawStore;
import dev.flywheel.lottery.store.LotteryStore;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Customers' draws. {@link #draw} is one transaction of its own: one chance spent, one prize
 * (stock taken by a conditional update, value granted from the lottery's budget), idempotent by
 * request id — a replay, even a concurrent one, answers the stored draw and changes nothing.
 *
 * <p>Draws made outside a transaction go through the draw group commit
 * ({@code flywheel.lottery.group-commit.*}): concurrent draws queue and a worker runs whatever is
 * waiting as ONE transaction ({@link DrawGroup}, set-based), answering each caller after the
 * commit — same outcomes, same guarantees. A failed group is retried draw by draw
 * ({@link DrawTransaction}); a group of one takes that path directly.
 */
@Service
public class Draws {
  public static final int MAX_REQUEST_ID_LENGTH = 100;
  private final DrawTransaction transaction;
  private final DrawGroup group;
  private final GroupCommit<DrawGroup.Request, DrawTransaction.Attempt> groupCommit;
  private final DrawStore draws;
  private final LotteryStore lotteries;
  private final Spending spending;
  private final TransactionTemplate tx;
  private final TransactionTemplate readOnly;
  private final Clock clock;

  Draws(DrawTransaction transaction, DrawGroup group, DrawStore draws, LotteryStore lotteries, Spending spending,
      LotteryProperties properties, PlatformTransactionManager transactions, Clock clock) {
    this.transaction = transaction;
    this.group = group;
    this.draws = draws;
    this.lotteries = lotteries;
    this.spending = spending;
    this.tx = new TransactionTemplate(transactions);
    this.tx.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
    this.readOnly = new TransactionTemplate(transactions);
    this.readOnly.setReadOnly(true);
    this.clock = clock;
    LotteryProperties.GroupCommit settings = properties.groupCommit();
    this.groupCommit = settings.enabled()
        ? new GroupCommit<>("lottery-draw-group", new GroupCommit.Limits(settings.maxSize(), Duration.ZERO,
            settings.workers()), requests -> tx.execute(status -> group.drawAll(requests, clock.instant())),
            r -> attempt(r.tenantId(), r.lotteryId(), r.customerId(), r.requestId(), r.actor()),
            "it may have drawn: ask again with the same request id")
        : null;
  }

  @PreDestroy
  void stop() throws InterruptedException {
    if (groupCommit != null) {
      groupCommit.stop();
    }
  }

  /** Statistics of the draw group commit (zeros when it is disabled). */
  public GroupCommit.Stats groupCommitStats() {
    return groupCommit != null ? groupCommit.stats() : new GroupCommit.Stats(0, 0, 0);
  }

  /** @throws IllegalArgumentException for a blank or too long request id or customer id */
  public DrawOutcome draw(long tenantId, long lotteryId, String customerId, String requestId, String actor) {
    if (requestId == null || requestId.isBlank() || requestId.length() > MAX_REQUEST_ID_LENGTH) {
      throw new IllegalArgumentException("request id must be 1.." + MAX_REQUEST_ID_LENGTH + " characters");
    }
    if (customerId == null || customerId.isBlank()) {
      throw new IllegalArgumentException("customer id is required");
    }
    DrawTransaction.Attempt attempt = groupCommit == null || TransactionSynchronizationManager.isActualTransactionActive()
        ? attempt(tenantId, lotteryId, customerId, requestId, actor)
        : groupCommit.submit(new DrawGroup.Request(tenantId, lotteryId, customerId, requestId, actor));
    return switch (attempt) {
      case DrawTransaction.Attempt.Answer answer -> answer.outcome();
      case DrawTransaction.Attempt.Replay replay -> replay(lotteryId, customerId, requestId, tenantId);
    };
  }

  /**
   * One draw transaction; a deadlock victim is sent again (bounded). A draw locks the customer's
   * prize wallet (points / cash) before the chance wallet; a transaction
   * taking them the other way round may deadlock with it: PostgreSQL then aborts one of the two,
   * which wrote nothing, and the draw simply runs again.
   */
  private DrawTransaction.Attempt attempt(long tenantId, long lotteryId, String customerId, String requestId,
      String actor) {
    for (int attempt = 1; ; attempt++) {
      try {
        return tx.execute(status ->
            transaction.draw(status, tenantId, lotteryId, customerId, requestId, actor, clock.instant()));
      } catch (org.springframework.dao.PessimisticLockingFailureException deadlock) {
        if (attempt == 5) {
          throw deadlock;
        }
      }
    }
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
