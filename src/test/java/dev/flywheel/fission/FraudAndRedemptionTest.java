package dev.flywheel.fission;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flywheel.event.EventIngestion;
import dev.flywheel.ledger.Asset;
import dev.flywheel.ledger.Ledger;
import dev.flywheel.ledger.LedgerInvariants;
import dev.flywheel.platform.time.MovableClock;
import dev.flywheel.support.RunningFlywheel;
import dev.flywheel.support.Race;
import dev.flywheel.support.TestTenants;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Anti-fraud signals hold helps for review; a completed task's reward is granted exactly once. */
@RunningFlywheel
class FraudAndRedemptionTest {
  @Autowired TestTenants tenants;
  @Autowired Activities activities;
  @Autowired Tasks tasks;
  @Autowired Helps helps;
  @Autowired Redemptions redemptions;
  @Autowired Ledger ledger;
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

  @AfterEach
  void invariantsHold() {
    LedgerInvariants.assertHold(jdbc);
  }

  @Test
  void aSecondAccountOnTheOwnersDeviceIsHeldAndCountsOnlyWhenApproved() {
    Activity a = fx.running(tenant, 2, false, true);
    Task task = fx.task(tenant, a, "owner", "phone-1");
    HelpOutcome outcome = helps.help(new HelpRequest(tenant, fx.invite(task, a), "owner-alt", "phone-1", "1.1.1.1"));

    assertThat(outcome).isEqualTo(new HelpOutcome.Held(task.id(), List.of("shared-device")));
    assertThat(tasks.get(tenant, task.id()).orElseThrow().helps()).isZero();
    var held = activities.held(tenant, a.id());
    assertThat(held).singleElement().satisfies(h -> assertThat(h.helperId()).isEqualTo("owner-alt"));
    assertThat(activities.approve(tenant, held.getFirst().id(), "operator").done()).isTrue();
    assertThat(tasks.get(tenant, task.id()).orElseThrow().helps()).isEqualTo(1);
    assertThat(activities.held(tenant, a.id())).isEmpty();
  }

  @Test
  void oneDeviceOrIpHelpingManyTasksIsFlaggedFromTheThresholdOn() {
    Activity a = fx.running(tenant, 5, false, false); // threshold 3 distinct tasks
    List<HelpOutcome> outcomes = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      Task t = fx.task(tenant, a, "owner-" + i, "owner-phone-" + i);
      outcomes.add(helps.help(new HelpRequest(tenant, fx.invite(t, a), "farmer-" + i, "farm-phone", "10.9.9." + i)));
    }
    assertThat(outcomes.subList(0, 3)).allMatch(o -> o instanceof HelpOutcome.Counted);
    assertThat(outcomes.subList(3, 5)).allMatch(o -> o instanceof HelpOutcome.Held h && h.flags().contains("device-many-tasks"));
    Task other = fx.task(tenant, a, "owner-x", "px");
    for (int i = 0; i < 3; i++) {
      Task t = fx.task(tenant, a, "ip-owner-" + i, "ipo-" + i);
      helps.help(new HelpRequest(tenant, fx.invite(t, a), "ip-h-" + i, "own-phone-" + i, "203.0.113.7"));
    }
    HelpOutcome byIp = helps.help(new HelpRequest(tenant, fx.invite(other, a), "ip-h-x", "own-phone-x", "203.0.113.7"));
    assertThat(byIp).isInstanceOfSatisfying(HelpOutcome.Held.class, h -> assertThat(h.flags()).contains("ip-many-tasks"));
    var rejected = activities.held(tenant, a.id()).getFirst();
    assertThat(activities.reject(tenant, rejected.id(), "operator").done()).isTrue();
    assertThat(activities.held(tenant, a.id())).hasSize(2);
  }

  @Test
  void redeemingBeforeNIsRefusedAndAfterNGrantsExactlyOnceUnderARace() throws Exception {
    Activity a = fx.running(tenant, 2, false, true);
    Task task = fx.task(tenant, a, "winner", "w-phone");
    assertThat(redemptions.redeem(tenant, task.id(), "winner", "customer:winner"))
        .isEqualTo(new RedeemOutcome.Refused("task-not-complete",
            "The task has 0 of 2 helps; invite more friends first"));
    helps.help(new HelpRequest(tenant, fx.invite(task, a), "f1", "p1", "ip1"));
    helps.help(new HelpRequest(tenant, fx.invite(task, a), "f2", "p2", "ip2"));

    List<RedeemOutcome> outcomes = Race.run(16, i -> redemptions.redeem(tenant, task.id(), null, "employee"));
    assertThat(outcomes).allMatch(o -> o instanceof RedeemOutcome.Redeemed);
    assertThat(outcomes.stream().filter(o -> !((RedeemOutcome.Redeemed) o).replayed())).hasSize(1);
    assertThat(outcomes.stream().map(o -> ((RedeemOutcome.Redeemed) o).grantId()).distinct()).hasSize(1);
    assertThat(ledger.wallet(tenant, "winner").balances().get(Asset.POINTS).available()).isEqualTo(100);
    assertThat(ledger.budget(tenant, ledger.budgetKey(tenant, Activity.BUDGET_OWNER, String.valueOf(a.id()))).lines().get(Asset.POINTS).granted()).isEqualTo(100);
  }
}
