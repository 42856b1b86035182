package dev.flywheel.fission;

import dev.flywheel.fission.store.ActivityStore;
import dev.flywheel.fission.store.TaskStore;
import dev.flywheel.ledger.Asset;
import dev.flywheel.ledger.GrantOutcome;
import dev.flywheel.ledger.GrantRequest;
import dev.flywheel.ledger.Ledger;
import java.time.Clock;
import java.util.Optional;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.interceptor.TransactionAspectSupport;

/**
 * Redeeming a completed task: one ledger grant from the activity's budget, exactly once per task
 * (task row lock + the ledger's idempotency on {@code fission-task:<id>}). Before N: refused,
 * nothing written. Redeemable while the activity runs and after its end (through the employee).
 */
@Service
public class Redemptions {
  private final ActivityStore activities;
  private final TaskStore tasks;
  private final Ledger ledger;
  private final Clock clock;
  private final ItemRewards itemRewards;

  Redemptions(ActivityStore activities, TaskStore tasks, Ledger ledger, Clock clock, ItemRewards itemRewards) {
    this.itemRewards = itemRewards;
    this.activities = activities;
    this.tasks = tasks;
    this.ledger = ledger;
    this.clock = clock;
  }

  /** @param customerId when set (the customer themself), the task must be theirs */
  @Transactional
  public RedeemOutcome redeem(long tenantId, long taskId, String customerId, String actor) {
    Optional<Task> locked = tasks.lock(tenantId, taskId);
    if (locked.isEmpty() || (customerId != null && !locked.get().customerId().equals(customerId))) {
      return new RedeemOutcome.Refused("not-found", "Task " + taskId + " was not found");
    }
    Task task = locked.get();
    if (task.redeemed()) {
      return new RedeemOutcome.Redeemed(task, task.grantId(), true);
    }
    if (!task.complete()) {
      return new RedeemOutcome.Refused("task-not-complete",
          "The task has " + task.helps() + " of " + task.helpersNeeded() + " helps; invite more friends first");
    }
    Activity activity = activities.find(tenantId, task.activityId()).orElseThrow();
    if (activity.rewardCatalogItem() != null) {
      return switch (itemRewards.redeem(tenantId, activity, task, actor)) {
        case ItemRewards.Payment.Unpaid unpaid -> {
          TransactionAspectSupport.currentTransactionStatus().setRollbackOnly(); // the points grant too
          yield unpaid.refusal();
        }
        case ItemRewards.Payment.Paid paid -> {
          tasks.redeemed(taskId, paid.grantId(), actor, clock.instant());
          yield new RedeemOutcome.Redeemed(tasks.find(tenantId, taskId).orElseThrow(), paid.grantId(), false);
        }
      };
    }
    long budget = ledger.budgetKey(tenantId, Activity.BUDGET_OWNER, String.valueOf(activity.id()));
    GrantRequest request = activity.rewardAsset() == Asset.COUPON
        ? GrantRequest.coupons(tenantId, budget, "fission-reward", "fission-task:" + taskId,
            task.customerId(), activity.rewardCouponTemplate(), (int) activity.rewardAmount())
        : GrantRequest.of(tenantId, budget, "fission-reward", "fission-task:" + taskId,
            task.customerId(), activity.rewardAsset(), activity.rewardAmount());
    long grantId = switch (ledger.grant(request)) {
      case GrantOutcome.Granted g -> g.grant().id();
      case GrantOutcome.AlreadyGranted a -> a.grant().id();
      case GrantOutcome.BudgetExhausted b -> -1L;
    };
    if (grantId < 0) {
      return new RedeemOutcome.Refused("rewards-exhausted", "All rewards of this activity are given out");
    }
    tasks.redeemed(taskId, grantId, actor, clock.instant());
    return new RedeemOutcome.Redeemed(tasks.find(tenantId, taskId).orElseThrow(), grantId, false);
  }
}
