package dev.flywheel.fission;

import dev.flywheel.customer.CustomerProfile;
import dev.flywheel.customer.Customers;
import dev.flywheel.fission.store.ActivityStore;
import dev.flywheel.fission.store.TaskStore;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionStatus;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Helpers help tasks. The rules, in the order a helper meets them: a valid invite (signed, not
 * expired); the activity running; not the helper's own task; when the activity acquires new
 * customers, a new helper ({@link #isNew}); never the same task twice nor, by setting, a second
 * task of the activity; a full task refuses with "start your own". The counting itself is one
 * conditional update plus unique keys in one transaction: exactly N under any concurrency, and a
 * refusal writes nothing. Anti-fraud signals (the task owner's device, one device or IP helping
 * many tasks) hold the help for review instead of counting it.
 */
@Service
public class Helps {
  private final Invites invites;
  private final ActivityStore activities;
  private final TaskStore tasks;
  private final Customers customers;
  private final ApplicationEventPublisher events;
  private final TransactionTemplate tx;
  private final Clock clock;
  private final ProgressSignal signal;

  Helps(Invites invites, ActivityStore activities, TaskStore tasks, Customers customers,
      ApplicationEventPublisher events, PlatformTransactionManager transactions, Clock clock, ProgressSignal signal) {
    this.signal = signal;
    this.invites = invites;
    this.activities = activities;
    this.tasks = tasks;
    this.customers = customers;
    this.events = events;
    this.tx = new TransactionTemplate(transactions);
    this.clock = clock;
  }

  /**
   * "New customer": the helper's profile was created and registered at or after the activity's
   * start — a customer the tenant did not know before the activity (no earlier profile, even an
   * imported one) and who registered during it. No profile at all is not new (the app registers
   * the customer first).
   */
  public static boolean isNew(Optional<CustomerProfile> profile, Instant activityStart) {
    return profile.filter(p -> p.registeredAt() != null && !p.registeredAt().isBefore(activityStart)
        && p.createdAt() != null && !p.createdAt().isBefore(activityStart)).isPresent();
  }

  public HelpOutcome help(HelpRequest request) {
    Instant now = clock.instant();
    HelpOutcome outcome = tx.execute(status -> {
      HelpOutcome attempted = attempt(status, request, now);
      if (attempted instanceof HelpOutcome.Counted c) { // every node's progress streams, on commit
        signal.send(new TaskProgress(request.tenantId(), c.taskId(), c.helps(), c.needed()));
      }
      return attempted;
    });
    if (outcome instanceof HelpOutcome.Counted counted) {
      events.publishEvent(new TaskProgress(request.tenantId(), counted.taskId(), counted.helps(), counted.needed()));
    }
    return outcome;
  }

  /** One attempt in one transaction (one connection): checks, signals, then the counting. */
  private HelpOutcome attempt(TransactionStatus status, HelpRequest request, Instant now) {
    Invites.Check check = invites.verify(request.tenantId(), request.invite(), now);
    if (check instanceof Invites.Check.Invalid invalid) {
      return new HelpOutcome.Refused(invalid.code(), invalid.detail());
    }
    Task task = ((Invites.Check.Valid) check).task();
    Activity activity = activities.find(request.tenantId(), task.activityId()).orElseThrow();
    Optional<HelpOutcome.Refused> refused = precheck(activity, task, request.helperId(), now);
    if (refused.isPresent()) {
      return refused.get();
    }
    boolean isNew = isNew(customers.find(request.tenantId(), request.helperId()), activity.startsAt());
    if (activity.newCustomersOnly() && !isNew) {
      return new HelpOutcome.Refused("helper-not-new",
          "Only customers new to us since the activity started can help; you can start your own task instead");
    }
    return record(status, activity, task, request, isNew, flags(activity, task, request), now);
  }

  private static Optional<HelpOutcome.Refused> precheck(Activity activity, Task task, String helperId, Instant now) {
    return switch (activity.phase(now)) {
      case BEFORE_START -> Optional.of(new HelpOutcome.Refused("activity-not-started",
          "The activity has not started yet; come back at " + activity.startsAt()));
      case ENDED -> Optional.of(new HelpOutcome.Refused("activity-ended", "The activity has ended; thank you"));
      case RUNNING -> task.customerId().equals(helperId)
          ? Optional.of(new HelpOutcome.Refused("own-task", "This is your own task: share it with friends instead"))
          : Optional.empty();
    };
  }

  private List<String> flags(Activity activity, Task task, HelpRequest request) {
    List<String> flags = new ArrayList<>();
    String ownerDevice = tasks.deviceOf(task.id());
    if (request.deviceId() != null && !request.deviceId().isBlank() && request.deviceId().equals(ownerDevice)) {
      flags.add("shared-device");
    }
    int threshold = activity.deviceFlagThreshold();
    if (tasks.tasksHelpedFrom(activity.id(), "device", request.deviceId()) >= threshold) {
      flags.add("device-many-tasks");
    }
    if (tasks.tasksHelpedFrom(activity.id(), "ip", request.ip()) >= threshold) {
      flags.add("ip-many-tasks");
    }
    return flags;
  }

  private HelpOutcome record(TransactionStatus status, Activity activity, Task task, HelpRequest r, boolean isNew,
      List<String> flags, Instant now) {
    Optional<HelpOutcome.Refused> earlier = earlier(activity, task, r.helperId());
    if (earlier.isPresent()) {
      return earlier.get();
    }
    if (!flags.isEmpty()) {
      if (!tasks.insertHelp(r.tenantId(), activity.id(), task.id(), r.helperId(), activity.oneTaskPerHelper(),
          r.deviceId(), r.ip(), isNew, "HELD", flags, now)) {
        return raced(status, activity, task, r.helperId());
      }
      return new HelpOutcome.Held(task.id(), flags);
    }
    Optional<Integer> helps = tasks.countHelp(task.id(), now);
    if (helps.isEmpty()) {
      return new HelpOutcome.Refused("task-full",
          "Your friend already has all the help they need. Start your own task and invite friends!");
    }
    if (!tasks.insertHelp(r.tenantId(), activity.id(), task.id(), r.helperId(), activity.oneTaskPerHelper(),
        r.deviceId(), r.ip(), isNew, "COUNTED", List.of(), now)) {
      return raced(status, activity, task, r.helperId());
    }
    return new HelpOutcome.Counted(task.id(), helps.get(), task.helpersNeeded());
  }

  private Optional<HelpOutcome.Refused> earlier(Activity activity, Task task, String helperId) {
    return tasks.earlierHelp(activity.id(), task.id(), helperId)
        .filter(which -> which.equals("task") || activity.oneTaskPerHelper())
        .map(which -> which.equals("task")
            ? new HelpOutcome.Refused("already-helped", "You already helped this task; thank you! Start your own too")
            : new HelpOutcome.Refused("already-helped-another",
                "You already helped a friend in this activity; each customer helps once. Start your own task!"));
  }

  /** A twin of this help committed first: undo the count, answer why. */
  private HelpOutcome raced(TransactionStatus status, Activity activity, Task task, String helperId) {
    status.setRollbackOnly();
    return activity.oneTaskPerHelper() && tasks.earlierHelp(activity.id(), task.id(), helperId).map("activity"::equals).orElse(false)
        ? new HelpOutcome.Refused("already-helped-another", "You already helped a friend in this activity")
        : new HelpOutcome.Refused("already-helped", "You already helped this task; thank you!");
  }
}
