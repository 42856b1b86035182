package dev.flywheel.fission;

import dev.flywheel.fission.store.ActivityStore;
import dev.flywheel.fission.store.TaskStore;
import dev.flywheel.ledger.Budget;
import dev.flywheel.ledger.Ledger;
import dev.flywheel.platform.web.FieldIssue;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Activities: configuration (validated, the reward budget funded for {@code max_rewards}
 * completions, employee reminders scheduled), the review queue of held helps.
 */
@Service
public class Activities {
  private static final SecureRandom SECRETS = new SecureRandom();
  private final ActivityStore store;
  private final TaskStore tasks;
  private final Ledger ledger;
  private final Reminders reminders;
  private final ApplicationEventPublisher events;
  private final Clock clock;
  private final Recommendations recommendations;
  private final ItemRewards itemRewards;
  private final ProgressSignal signal;

  Activities(ActivityStore store, TaskStore tasks, Ledger ledger, Reminders reminders,
      ApplicationEventPublisher events, Clock clock, Recommendations recommendations, ItemRewards itemRewards,
      ProgressSignal signal) {
    this.signal = signal;
    this.recommendations = recommendations;
    this.itemRewards = itemRewards;
    this.store = store;
    this.tasks = tasks;
    this.ledger = ledger;
    this.reminders = reminders;
    this.events = events;
    this.clock = clock;
  }

  @Transactional
  public ActivityResult create(long tenantId, ActivityDraft raw, String actor) {
    ActivityDraft draft = withDefaults(raw);
    List<FieldIssue> issues = new java.util.ArrayList<>(DraftChecks.check(draft));
    if (draft.recommendSegmentId() != null && !recommendations.segmentExists(tenantId, draft.recommendSegmentId())) {
      issues.add(new FieldIssue("recommend_segment_id", "unknown-segment", "no such segment of this tenant"));
    }
    issues.addAll(itemRewards.check(tenantId, draft));
    if (!issues.isEmpty()) {
      return new ActivityResult.Refused("validation-failed", "The activity has invalid fields", issues);
    }
    byte[] secret = new byte[32];
    SECRETS.nextBytes(secret);
    Activity.QrArea qr = draft.qrArea() == null ? new Activity.QrArea(435, 1040, 200) : draft.qrArea();
    long id = store.create(tenantId, draft, qr, secret, actor, clock.instant());
    long budget = ledger.budgetKey(tenantId, Activity.BUDGET_OWNER, String.valueOf(id));
    ledger.fund(tenantId, budget, draft.rewardAsset(),
        Math.multiplyExact(itemRewards.perReward(tenantId, draft), (long) draft.maxRewards()), actor);
    Activity activity = store.find(tenantId, id).orElseThrow();
    reminders.schedule(activity);
    return new ActivityResult.Done(activity);
  }

  static ActivityDraft withDefaults(ActivityDraft d) {
    return new ActivityDraft(d.name(), d.rules(), d.startsAt(), d.endsAt(), d.helpersNeeded(),
        d.newCustomersOnly() == null ? Boolean.TRUE : d.newCustomersOnly(),
        d.oneTaskPerHelper() == null ? Boolean.TRUE : d.oneTaskPerHelper(), d.rewardAsset(), d.rewardAmount(),
        d.rewardCouponTemplate(), d.rewardCatalogItem(), d.maxRewards() == null ? 1000 : d.maxRewards(), d.poster(), d.posterType(),
        d.qrArea(), d.employeeScript(), d.customerScript(), d.employeeOrgUnit(), d.recommendTags(), d.recommendSegmentId(),
        d.remindBeforeMinutes(), d.liveCodeStrategy() == null ? Activity.LiveCodeStrategy.ROUND_ROBIN : d.liveCodeStrategy(),
        d.inviteTtlSeconds() == null ? 604_800 : d.inviteTtlSeconds(),
        d.deviceFlagThreshold() == null ? 3 : d.deviceFlagThreshold(), d.acquirers());
  }

  @Transactional(readOnly = true)
  public Optional<Activity> get(long tenantId, long id) {
    return store.find(tenantId, id);
  }

  @Transactional(readOnly = true)
  public List<Activity> list(long tenantId) {
    return store.list(tenantId, 200);
  }

  @Transactional(readOnly = true)
  public Optional<byte[]> poster(long activityId) {
    return store.poster(activityId).map(ActivityStore.Poster::bytes);
  }

  @Transactional(readOnly = true)
  public Budget budget(long tenantId, long id) {
    return ledger.budget(tenantId, ledger.budgetKey(tenantId, Activity.BUDGET_OWNER, String.valueOf(id)));
  }

  @Transactional
  public void saveEmployee(long tenantId, long userId, String name, String orgUnit) {
    store.saveEmployee(tenantId, userId, name, orgUnit);
  }

  @Transactional(readOnly = true)
  public List<Help> held(long tenantId, long activityId) {
    return tasks.held(tenantId, activityId);
  }

  /** A reviewed help: {@code approved} counted it, else refused with {@code code}. */
  public record Review(boolean done, String code, String detail) {}

  /** Approve: counts the held help if its task is not full (else it stays held, refused {@code task-full}). */
  @Transactional
  public Review approve(long tenantId, long helpId, String actor) {
    Optional<Help> held = tasks.lockHeld(tenantId, helpId);
    if (held.isEmpty()) {
      return new Review(false, "not-found", "No held help " + helpId);
    }
    Instant now = clock.instant();
    Optional<Integer> helps = tasks.countHelp(held.get().taskId(), now);
    if (helps.isEmpty()) {
      return new Review(false, "task-full", "The task is already complete; reject this help");
    }
    tasks.review(helpId, "COUNTED", actor, now);
    Task task = tasks.find(tenantId, held.get().taskId()).orElseThrow();
    TaskProgress progress = new TaskProgress(tenantId, task.id(), task.helps(), task.helpersNeeded());
    signal.send(progress);
    events.publishEvent(progress);
    return new Review(true, "approved", "Counted: " + task.helps() + " of " + task.helpersNeeded());
  }

  @Transactional
  public Review reject(long tenantId, long helpId, String actor) {
    if (tasks.lockHeld(tenantId, helpId).isEmpty()) {
      return new Review(false, "not-found", "No held help " + helpId);
    }
    tasks.review(helpId, "REJECTED", actor, clock.instant());
    return new Review(true, "rejected", "Rejected");
  }
}
