package dev.flywheel.fission;

import dev.flywheel.fission.store.ActivityStore;
import dev.flywheel.fission.store.TaskStore;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Customers' tasks: starting one (once per activity, while it runs), the signed invite to share,
 * the live code that hands a customer to an employee.
 */
@Service
public class Tasks {
  private final ActivityStore activities;
  private final TaskStore tasks;
  private final Invites invites;
  private final Clock clock;

  Tasks(ActivityStore activities, TaskStore tasks, Invites invites, Clock clock) {
    this.activities = activities;
    this.tasks = tasks;
    this.invites = invites;
    this.clock = clock;
  }

  /** Starting a task: the task, or a refusal code ({@code not-found}, {@code activity-not-started}, {@code activity-ended}). */
  public sealed interface Start {
    record Started(Task task) implements Start {}

    record Refused(String code, String detail) implements Start {}
  }

  /**
   * Starts (or answers) the customer's task. The task's employee: the one the customer was handed
   * to by the live code, else {@code employeeHint} (an employee's shared link), else the inviter's.
   */
  @Transactional
  public Start start(long tenantId, long activityId, String customerId, String deviceId, Long employeeHint) {
    Optional<Activity> found = activities.find(tenantId, activityId);
    if (found.isEmpty()) {
      return new Start.Refused("not-found", "Activity " + activityId + " was not found");
    }
    Activity activity = found.get();
    Optional<Task> existing = tasks.byCustomer(activityId, customerId);
    if (existing.isPresent()) {
      return new Start.Started(existing.get());
    }
    Instant now = clock.instant();
    switch (activity.phase(now)) {
      case BEFORE_START -> {
        return new Start.Refused("activity-not-started", "The activity starts at " + activity.startsAt());
      }
      case ENDED -> {
        return new Start.Refused("activity-ended", "The activity has ended; you can still share it with friends");
      }
      case RUNNING -> { }
    }
    Long employee = tasks.contact(activityId, customerId).orElse(employeeHint);
    return new Start.Started(tasks.start(tenantId, activityId, customerId, employee, deviceId,
        activity.helpersNeeded(), now));
  }

  @Transactional(readOnly = true)
  public Optional<Task> get(long tenantId, long taskId) {
    return tasks.find(tenantId, taskId);
  }

  @Transactional(readOnly = true)
  public Optional<Task> of(long activityId, String customerId) {
    return tasks.byCustomer(activityId, customerId);
  }

  /** The invite to share: valid for the activity's invite TTL, never past the activity's end. */
  @Transactional(readOnly = true)
  public String invite(Task task, Activity activity) {
    Instant until = clock.instant().plus(Duration.ofSeconds(activity.inviteTtlSeconds()));
    return invites.sign(task, until.isAfter(activity.endsAt()) ? activity.endsAt() : until);
  }

  @Transactional(readOnly = true)
  public List<Help> helps(long taskId) {
    return tasks.helps(taskId);
  }

  /**
   * The live code: hands a customer to one of the activity's acquisition employees (round-robin
   * or least-loaded, taken in SQL), once; a second scan answers the same employee.
   */
  @Transactional
  public Optional<Activity.Acquirer> contact(long tenantId, long activityId, String customerId) {
    Optional<Activity> activity = activities.find(tenantId, activityId);
    if (activity.isEmpty()) {
      return Optional.empty();
    }
    Optional<Long> known = tasks.contact(activityId, customerId);
    if (known.isPresent()) {
      return activity.get().acquirers().stream().filter(a -> a.userId() == known.get()).findFirst();
    }
    Optional<Activity.Acquirer> next = activities.nextAcquirer(activityId, activity.get().liveCodeStrategy());
    next.ifPresent(a -> tasks.addContact(activityId, customerId, a.userId(), clock.instant()));
    return next;
  }
}
