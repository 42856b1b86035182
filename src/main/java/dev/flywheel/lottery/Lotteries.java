package dev.flywheel.lottery;

import dev.flywheel.ledger.Asset;
import dev.flywheel.ledger.Budget;
import dev.flywheel.ledger.Coupons;
import dev.flywheel.ledger.Ledger;
import dev.flywheel.lottery.store.LotteryStore;
import dev.flywheel.platform.web.FieldIssue;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Lotteries: drafts with a prize pool, launch (funds the lottery's ledger budget for the whole
 * stock), end. Changes answer a {@link LotteryResult}; a refusal writes nothing.
 */
@Service
public class Lotteries {
  private static final SecureRandom SECRETS = new SecureRandom();
  private final LotteryStore store;
  private final Coupons coupons;
  private final Ledger ledger;
  private final Clock clock;

  Lotteries(LotteryStore store, Coupons coupons, Ledger ledger, Clock clock) {
    this.store = store;
    this.coupons = coupons;
    this.ledger = ledger;
    this.clock = clock;
  }

  @Transactional
  public LotteryResult create(long tenantId, LotteryDraft draft, String actor) {
    List<FieldIssue> issues = PoolChecks.check(tenantId, draft, coupons);
    if (!issues.isEmpty()) {
      return invalid(issues);
    }
    byte[] secret = new byte[32];
    SECRETS.nextBytes(secret);
    long id = store.create(tenantId, draft, secret, actor, clock.instant());
    return new LotteryResult.Done(store.find(tenantId, id).orElseThrow());
  }

  /** Replaces a draft's name, window, guarantee and prize pool. */
  @Transactional
  public LotteryResult update(long tenantId, long id, LotteryDraft draft) {
    if (store.find(tenantId, id).isEmpty()) {
      return notFound(id);
    }
    List<FieldIssue> issues = PoolChecks.check(tenantId, draft, coupons);
    if (!issues.isEmpty()) {
      return invalid(issues);
    }
    if (!store.updateDraft(tenantId, id, draft)) {
      return new LotteryResult.Refused("not-draft", "Only a draft's prize pool can be edited", List.of());
    }
    return new LotteryResult.Done(store.find(tenantId, id).orElseThrow());
  }

  /**
   * DRAFT → LIVE, and the lottery's ledger budget funded per asset for the whole stock
   * ({@code amount × stock} of every points / cash / coupon prize), in one transaction.
   */
  @Transactional
  public LotteryResult launch(long tenantId, long id, String actor) {
    Optional<Lottery> found = store.find(tenantId, id);
    if (found.isEmpty()) {
      return notFound(id);
    }
    if (!found.get().endsAt().isAfter(clock.instant())) {
      return new LotteryResult.Refused("lottery-ended", "The lottery's window is already over", List.of());
    }
    if (!store.move(tenantId, id, LotteryStatus.DRAFT, LotteryStatus.LIVE, clock.instant())) {
      return new LotteryResult.Refused("not-draft", "Only a draft can be launched", List.of());
    }
    budgetNeeded(found.get()).forEach((asset, amount) ->
        ledger.fund(tenantId, ledger.budgetKey(tenantId, Lottery.BUDGET_OWNER, String.valueOf(id)), asset, amount, actor));
    return new LotteryResult.Done(store.find(tenantId, id).orElseThrow());
  }

  /** LIVE → ENDED: no more draws (address forms and fulfilment go on). */
  @Transactional
  public LotteryResult end(long tenantId, long id) {
    if (store.find(tenantId, id).isEmpty()) {
      return notFound(id);
    }
    if (!store.move(tenantId, id, LotteryStatus.LIVE, LotteryStatus.ENDED, clock.instant())) {
      return new LotteryResult.Refused("not-live", "Only a live lottery can be ended", List.of());
    }
    return new LotteryResult.Done(store.find(tenantId, id).orElseThrow());
  }

  @Transactional(readOnly = true)
  public Optional<Lottery> get(long tenantId, long id) {
    return store.find(tenantId, id);
  }

  @Transactional(readOnly = true)
  public List<Lottery> list(long tenantId) {
    return store.list(tenantId, 200);
  }

  /** The lottery's ledger budget (funded, remaining, granted per asset). */
  @Transactional(readOnly = true)
  public Budget budget(long tenantId, long id) {
    return ledger.budget(tenantId, ledger.budgetKey(tenantId, Lottery.BUDGET_OWNER, String.valueOf(id)));
  }

  /** What launching funds: per ledger asset, {@code amount × initial stock} over the granted prizes. */
  public static Map<Asset, Long> budgetNeeded(Lottery lottery) {
    Map<Asset, Long> needed = new EnumMap<>(Asset.class);
    for (Prize p : lottery.prizes()) {
      p.kind().asset().ifPresent(asset -> {
        long total = Math.multiplyExact(p.amount(), (long) p.initialStock());
        if (total > 0) {
          needed.merge(asset, total, Math::addExact);
        }
      });
    }
    return needed;
  }

  private static LotteryResult invalid(List<FieldIssue> issues) {
    return new LotteryResult.Refused("validation-failed", "The lottery has invalid fields", issues);
  }

  private static LotteryResult notFound(long id) {
    return new LotteryResult.Refused("not-found", "Lottery " + id + " was not found", List.of());
  }
}
