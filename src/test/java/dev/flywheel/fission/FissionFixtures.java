package dev.flywheel.fission;

import dev.flywheel.event.EventIngestion;
import dev.flywheel.event.IncomingEvent;
import dev.flywheel.ledger.Asset;
import dev.flywheel.platform.time.MovableClock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Activities, tasks and registered customers for fission tests. */
public class FissionFixtures {
  private final Activities activities;
  private final Tasks tasks;
  private final EventIngestion events;
  private final MovableClock clock;

  public FissionFixtures(Activities activities, Tasks tasks, EventIngestion events, MovableClock clock) {
    this.activities = activities;
    this.tasks = tasks;
    this.events = events;
    this.clock = clock;
  }

  /** A running activity (started a minute ago, a week long) rewarding 100 points. */
  public Activity running(long tenantId, int n, boolean newOnly, boolean oneTask) {
    return create(tenantId, draft(n, newOnly, oneTask, clock.instant().minus(Duration.ofMinutes(1)),
        clock.instant().plus(Duration.ofDays(7)), List.of()));
  }

  public static ActivityDraft draft(int n, boolean newOnly, boolean oneTask, java.time.Instant start,
      java.time.Instant end, List<Activity.Acquirer> acquirers) {
    return new ActivityDraft("Invite friends", "Three friends help, you get 100 points", start, end, n, newOnly,
        oneTask, Asset.POINTS, 100L, null, null, 50, null, null, null, "Hi! Join our activity", "Help me win!", null,
        List.of(), null, 30, null, null, 3, acquirers);
  }

  public Activity create(long tenantId, ActivityDraft draft) {
    ActivityResult result = activities.create(tenantId, draft, "test");
    if (!(result instanceof ActivityResult.Done done)) {
      throw new AssertionError("fixture activity refused: " + result);
    }
    return done.activity();
  }

  public Task task(long tenantId, Activity activity, String customerId, String device) {
    Tasks.Start start = tasks.start(tenantId, activity.id(), customerId, device, null);
    if (!(start instanceof Tasks.Start.Started started)) {
      throw new AssertionError("fixture task refused: " + start);
    }
    return started.task();
  }

  public String invite(Task task, Activity activity) {
    return tasks.invite(task, activity);
  }

  /** A customer who registers now (a new customer for any activity that started before). */
  public String registered(String customerId) {
    return customerId;
  }

  public void register(long tenantId, String customerId) {
    events.ingest(tenantId, new IncomingEvent(UUID.randomUUID().toString(), customerId, "registered",
        clock.instant(), Map.of("platform", "app"), null, null));
  }
}
