package dev.flywheel.fission;

import dev.flywheel.ledger.Asset;
import dev.flywheel.ledger.CatalogItem;
import dev.flywheel.ledger.ExchangeOutcome;
import dev.flywheel.ledger.GrantOutcome;
import dev.flywheel.ledger.GrantRequest;
import dev.flywheel.ledger.Ledger;
import dev.flywheel.ledger.PointsMall;
import dev.flywheel.platform.web.FieldIssue;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.springframework.stereotype.Component;

/**
 * A points-mall catalog item as the reward: {@code reward.amount} items of
 * {@code reward.catalog_item_id}, paid in POINTS from the activity's budget at the item's point
 * price. Redeeming grants those points (ledger grant, reference {@code fission-task:<id>}) and
 * exchanges them for the item in the same transaction (request id {@code fission-task-<id>}): a
 * refusal of either rolls both back, and both are idempotent, so a task gets its item once.
 */
@Component
class ItemRewards {
  static final int MAX_ITEMS = 100;
  private final PointsMall mall;
  private final Ledger ledger;

  ItemRewards(PointsMall mall, Ledger ledger) {
    this.mall = mall;
    this.ledger = ledger;
  }

  List<FieldIssue> check(long tenantId, ActivityDraft d) {
    List<FieldIssue> issues = new ArrayList<>();
    if (d.rewardCatalogItem() == null) {
      return issues;
    }
    if (mall.item(tenantId, d.rewardCatalogItem()).isEmpty()) {
      issues.add(new FieldIssue("reward.catalog_item_id", "unknown-item", "no such points-mall item of this tenant"));
    }
    if (d.rewardAsset() != Asset.POINTS) {
      issues.add(new FieldIssue("reward.asset", "catalog-item-needs-points", "a catalog item is paid in POINTS"));
    }
    if (d.rewardAmount() != null && d.rewardAmount() > MAX_ITEMS) {
      issues.add(new FieldIssue("reward.amount", "out-of-range", "at most " + MAX_ITEMS + " items"));
    }
    return issues;
  }

  /** What one reward costs the budget, in the reward asset: points for an item, else the amount. */
  long perReward(long tenantId, ActivityDraft d) {
    return d.rewardCatalogItem() == null ? d.rewardAmount()
        : Math.multiplyExact(mall.item(tenantId, d.rewardCatalogItem()).orElseThrow().pointPrice(), d.rewardAmount());
  }

  /** What paying an item reward did. */
  sealed interface Payment {
    record Paid(long grantId) implements Payment {}

    record Unpaid(RedeemOutcome.Refused refusal) implements Payment {}
  }

  /** Runs in the caller's transaction, which an {@link Payment.Unpaid} must roll back. */
  Payment redeem(long tenantId, Activity activity, Task task, String actor) {
    Optional<CatalogItem> item = mall.item(tenantId, activity.rewardCatalogItem());
    if (item.isEmpty()) {
      return new Payment.Unpaid(new RedeemOutcome.Refused("reward-unavailable",
          "The reward's catalog item no longer exists"));
    }
    int quantity = (int) activity.rewardAmount();
    long budget = ledger.budgetKey(tenantId, Activity.BUDGET_OWNER, String.valueOf(activity.id()));
    GrantOutcome granted = ledger.grant(GrantRequest.of(tenantId, budget, "fission-reward",
        "fission-task:" + task.id(), task.customerId(), Asset.POINTS,
        Math.multiplyExact(item.get().pointPrice(), (long) quantity)));
    long grantId = switch (granted) {
      case GrantOutcome.Granted g -> g.grant().id();
      case GrantOutcome.AlreadyGranted a -> a.grant().id();
      case GrantOutcome.BudgetExhausted b -> -1L;
    };
    if (grantId < 0) {
      return new Payment.Unpaid(new RedeemOutcome.Refused("rewards-exhausted",
          "All rewards of this activity are given out"));
    }
    return switch (mall.exchangeWithin(tenantId, task.customerId(), item.get().id(), quantity,
        "fission-task-" + task.id(), actor)) {
      case ExchangeOutcome.Exchanged e -> new Payment.Paid(grantId);
      case ExchangeOutcome.Refused r -> new Payment.Unpaid(new RedeemOutcome.Refused(
          "out-of-stock".equals(r.code()) ? "reward-out-of-stock" : "reward-unavailable", r.detail()));
    };
  }
}
