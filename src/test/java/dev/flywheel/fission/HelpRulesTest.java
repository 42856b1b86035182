package dev.flywheel.fission;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flywheel.customer.Customers;
import dev.flywheel.event.EventIngestion;
import dev.flywheel.platform.time.MovableClock;
import dev.flywheel.support.RunningFlywheel;
import dev.flywheel.support.TestTenants;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Every help rule and refusal, on the real database; a refusal writes nothing. */
@RunningFlywheel
class HelpRulesTest {
  @Autowired TestTenants tenants;
  @Autowired Activities activities;
  @Autowired Tasks tasks;
  @Autowired Helps helps;
  @Autowired Customers customers;
  @Autowired EventIngestion events;
  @Autowired MovableClock clock;
  @Autowired JdbcClient jdbc;
  FissionFixtures fx;
  long tenant;

  @BeforeEach
  void setUp() {
    fx = new FissionFixtures(activities, tasks, events, clock);
    tenant = tenants.create().id();
  }

  private HelpOutcome help(String invite, String helper, String device, String ip) {
    return helps.help(new HelpRequest(tenant, invite, helper, device, ip));
  }

  private long helpRows(long taskId) {
    return jdbc.sql("select count(*) from fission_helps where task_id = :t").param("t", taskId).query(Long.class).single();
  }

  private static String code(HelpOutcome o) {
    return o instanceof HelpOutcome.Refused r ? r.code() : o.getClass().getSimpleName();
  }

  @Test
  void newCustomersCountUntilNThenAFullTaskSaysStartYourOwn() {
    Activity a = fx.running(tenant, 2, true, true);
    Task task = fx.task(tenant, a, "owner", "dev-owner");
    String invite = fx.invite(task, a);
    fx.register(tenant, "h1");
    fx.register(tenant, "h2");
    fx.register(tenant, "h3");

    assertThat(help(invite, "h1", "d1", "10.0.0.1")).isEqualTo(new HelpOutcome.Counted(task.id(), 1, 2));
    assertThat(help(invite, "h2", "d2", "10.0.0.2")).isEqualTo(new HelpOutcome.Counted(task.id(), 2, 2));
    HelpOutcome full = help(invite, "h3", "d3", "10.0.0.3");
    assertThat(code(full)).isEqualTo("task-full");
    assertThat(((HelpOutcome.Refused) full).detail()).contains("Start your own");
    assertThat(helpRows(task.id())).isEqualTo(2);
    assertThat(tasks.get(tenant, task.id()).orElseThrow().completedAt()).isEqualTo(clock.instant());
  }

  @Test
  void aCustomerKnownBeforeTheStartIsNotNewEvenIfRegisteredLater() {
    customers.saveProfile(tenant, "imported", Map.of("name", "Old friend"));
    clock.advance(Duration.ofMinutes(5));
    Activity a = fx.running(tenant, 3, true, true);
    fx.register(tenant, "imported"); // registers during the activity, but the tenant knew them before
    Task task = fx.task(tenant, a, "owner", "dev-owner");
    String invite = fx.invite(task, a);

    assertThat(code(help(invite, "imported", "d1", "ip1"))).isEqualTo("helper-not-new");
    assertThat(code(help(invite, "never-registered", "d2", "ip2"))).isEqualTo("helper-not-new");
    assertThat(helpRows(task.id())).isZero();
    assertThat(Helps.isNew(customers.find(tenant, "imported"), a.startsAt())).isFalse();
  }

  @Test
  void theSameTaskTwiceAndASecondTaskOfTheActivityAreRefused() {
    Activity a = fx.running(tenant, 5, false, true);
    Task t1 = fx.task(tenant, a, "owner-1", "do1");
    Task t2 = fx.task(tenant, a, "owner-2", "do2");
    assertThat(help(fx.invite(t1, a), "h", "d", "ip")).isInstanceOf(HelpOutcome.Counted.class);

    assertThat(code(help(fx.invite(t1, a), "h", "d", "ip"))).isEqualTo("already-helped");
    assertThat(code(help(fx.invite(t2, a), "h", "d", "ip"))).isEqualTo("already-helped-another");
    assertThat(helpRows(t2.id())).isZero();
  }

  @Test
  void withoutTheOneTaskSettingAHelperMayHelpSeveralTasks() {
    Activity a = fx.running(tenant, 5, false, false);
    Task t1 = fx.task(tenant, a, "owner-1", "do1");
    Task t2 = fx.task(tenant, a, "owner-2", "do2");
    assertThat(help(fx.invite(t1, a), "h", "d", "ip")).isInstanceOf(HelpOutcome.Counted.class);
    assertThat(help(fx.invite(t2, a), "h", "d", "ip")).isInstanceOf(HelpOutcome.Counted.class);
    assertThat(code(help(fx.invite(t2, a), "h", "d", "ip"))).isEqualTo("already-helped");
  }

  @Test
  void ownTaskForgedOrExpiredInvitesAndEndedActivitiesAreRefused() {
    Activity a = fx.running(tenant, 3, false, true);
    Task task = fx.task(tenant, a, "owner", "dev-owner");
    String invite = fx.invite(task, a);

    assertThat(code(help(invite, "owner", "x", "ip"))).isEqualTo("own-task");
    String[] parts = invite.split("\\.");
    assertThat(code(help(parts[0] + "." + (Long.parseLong(parts[1]) + 3600) + "." + parts[2], "h", "d", "ip")))
        .isEqualTo("invalid-invite");
    assertThat(code(help((task.id() + 1_000_000) + "." + parts[1] + "." + parts[2], "h", "d", "ip")))
        .isEqualTo("invalid-invite");
    assertThat(code(help("garbage", "h", "d", "ip"))).isEqualTo("invalid-invite");
    clock.advance(Duration.ofSeconds(a.inviteTtlSeconds() + 1L));
    assertThat(code(help(invite, "h", "d", "ip"))).isEqualTo("invite-expired");
    String fresh = fx.invite(task, a);
    clock.advance(Duration.ofDays(8));
    assertThat(code(help(fresh, "h", "d", "ip"))).isIn("activity-ended", "invite-expired");
    assertThat(helpRows(task.id())).isZero();
  }

  @Test
  void anInviteNeverOutlivesTheActivityAndAHelpAfterTheEndIsActivityEnded() {
    Activity a = fx.create(tenant, FissionFixtures.draft(3, false, true, clock.instant().minusSeconds(60),
        clock.instant().plus(Duration.ofHours(1)), java.util.List.of()));
    Task task = fx.task(tenant, a, "owner", "d0");
    String invite = fx.invite(task, a);
    assertThat(Long.parseLong(invite.split("\\.")[1])).isEqualTo(a.endsAt().getEpochSecond());
    Activity longer = fx.create(tenant, FissionFixtures.draft(3, false, true, clock.instant().minusSeconds(60),
        clock.instant().plus(Duration.ofDays(30)), java.util.List.of()));
    Task t2 = fx.task(tenant, longer, "owner", "d0");
    String inv2 = fx.invite(t2, longer);
    clock.advance(Duration.ofDays(30));
    assertThat(code(help(inv2, "h", "d", "ip"))).isEqualTo("invite-expired");
  }

  @Test
  void beforeTheStartNoTaskStarts() {
    Activity a = fx.create(tenant, FissionFixtures.draft(3, false, true, clock.instant().plus(Duration.ofHours(1)),
        clock.instant().plus(Duration.ofDays(1)), java.util.List.of()));
    assertThat(tasks.start(tenant, a.id(), "early", "d", null))
        .isEqualTo(new Tasks.Start.Refused("activity-not-started", "The activity starts at " + a.startsAt()));
  }
}
