package dev.flywheel.journey;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flywheel.support.RunningFlywheel;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/** The step engine with steps that need no messages: tags, waits, branches, splits, goals, versions. */
@RunningFlywheel
class JourneyEngineTest {
  @Autowired Journeys journeys;
  @Autowired JdbcClient jdbc;
  @Autowired dev.flywheel.reach.Reach reach;
  @Autowired org.springframework.context.ApplicationContext context;
  JourneyWorld world;

  @BeforeEach
  void setUp() {
    world = JourneyWorld.from(context);
  }

  private static JourneyDefinition onRegistration(List<JourneyStep> steps, JourneyGoal goal, ReEntry reentry) {
    return new JourneyDefinition("Onboarding", null, JourneyTrigger.event("registered", null), goal, reentry, steps,
        List.of("app_login"), List.of());
  }

  @Test
  void walksTagWaitBranchAndWaitForEventStepByStepAsTheClockMoves() {
    long journey = world.publish(onRegistration(List.of(
        JourneyStep.tag("welcome", "j-welcome"),
        JourneyStep.waitFor("a-day", "P1D"),
        JourneyStep.branch("h5", "customer.registered_platform == 'h5'", "tag-h5", "tag-app"),
        JourneyStep.tag("tag-h5", "j-h5").withNext("wait-login"),
        JourneyStep.tag("tag-app", "j-app"),
        JourneyStep.waitUntil("wait-login", "app_login", "P2D", "logged-in", "timed-out"),
        JourneyStep.tag("logged-in", "j-logged-in").withNext("end"),
        JourneyStep.tag("timed-out", "j-timed-out"),
        JourneyStep.exit("end", "done")), null, null));

    world.event("c-h5", "registered", "platform", "h5");
    world.event("c-app", "registered", "platform", "app");
    world.runDue();
    assertThat(world.tags("c-h5")).containsExactly("j-welcome");

    world.pass(Duration.ofHours(23));
    assertThat(world.steps(journey, "c-h5")).containsExactly("welcome:tagged", "a-day:waiting");
    world.pass(Duration.ofHours(1));
    assertThat(world.tags("c-h5")).containsExactly("j-welcome", "j-h5");
    assertThat(world.tags("c-app")).containsExactly("j-welcome", "j-app");
    assertThat(world.run(journey, "c-app")).isEqualTo("WAITING");

    world.event("c-app", "app_login");
    world.runDue();
    assertThat(world.tags("c-app")).contains("j-logged-in").doesNotContain("j-timed-out");
    assertThat(world.run(journey, "c-app")).isEqualTo("DONE:done");

    world.pass(Duration.ofDays(2));
    assertThat(world.tags("c-h5")).contains("j-timed-out").doesNotContain("j-logged-in");
    assertThat(world.steps(journey, "c-h5")).containsExactly("welcome:tagged", "a-day:waiting", "h5:branched",
        "tag-h5:tagged", "wait-login:waiting", "wait-login:timed-out", "timed-out:tagged", "end:exited");

    JourneyReport report = journeys.report(world.id(), journey);
    assertThat(report.entered()).isEqualTo(2);
    assertThat(report.exitsByReason()).containsEntry("done", 2L);
    assertThat(report.milestones()).containsEntry("app_login", 1L);
    assertThat(report.steps()).filteredOn(s -> s.key().equals("h5")).singleElement()
        .satisfies(s -> assertThat(s.arms()).containsEntry("then", 1L).containsEntry("else", 1L));
  }

  @Test
  void theGoalEventEndsARunWhereverItIs() {
    long journey = world.publish(onRegistration(List.of(
        JourneyStep.waitFor("wait", "P3D"), JourneyStep.tag("late", "j-late")),
        new JourneyGoal("drawdown", "event.attributes.amount >= 100"), null));
    world.event("c1", "registered");
    world.event("c2", "registered");
    world.runDue();
    world.pass(Duration.ofDays(1));
    world.event("c1", "drawdown", "amount", new java.math.BigDecimal("50.00"));
    world.event("c2", "drawdown", "amount", new java.math.BigDecimal("500.00"));
    world.pass(Duration.ofDays(2));

    assertThat(world.run(journey, "c1")).as("the goal's condition did not hold").isEqualTo("DONE:completed");
    assertThat(world.tags("c1")).contains("j-late");
    assertThat(world.run(journey, "c2")).isEqualTo("DONE:goal-reached");
    assertThat(world.tags("c2")).doesNotContain("j-late");
    assertThat(journeys.report(world.id(), journey).exitsByReason())
        .containsEntry("goal-reached", 1L).containsEntry("completed", 1L);
  }

  @Test
  void customersInFlightFinishOnTheirVersion() {
    long journey = world.publish(onRegistration(List.of(
        JourneyStep.waitFor("wait", "P1D"), JourneyStep.tag("mark", "v1")), null, null));
    world.event("early", "registered");
    world.runDue();

    JourneyDefinition second = onRegistration(List.of(JourneyStep.waitFor("wait", "P1D"), JourneyStep.tag("mark", "v2")),
        null, null);
    assertThat(journeys.update(world.id(), journey, second)).isInstanceOf(JourneyResult.Done.class);
    assertThat(journeys.publish(world.id(), journey, "test")).isInstanceOf(JourneyResult.Done.class);
    world.event("late", "registered");
    world.runDue();
    world.pass(Duration.ofDays(1));

    assertThat(world.tags("early")).containsExactly("v1");
    assertThat(world.tags("late")).containsExactly("v2");
    Journey stored = journeys.find(world.id(), journey).orElseThrow();
    assertThat(stored.activeVersion()).isEqualTo(2);
    assertThat(stored.versions()).hasSize(2);
    assertThat(journeys.report(world.id(), journey).steps())
        .filteredOn(s -> s.key().equals("mark")).extracting(JourneyReport.StepFigures::version,
            JourneyReport.StepFigures::reached)
        .containsExactly(org.assertj.core.groups.Tuple.tuple(1, 1L), org.assertj.core.groups.Tuple.tuple(2, 1L));
  }

  @Test
  void reEntryPolicyDecidesWhetherACustomerComesBack() {
    long once = world.publish(new JourneyDefinition("Once", null, JourneyTrigger.event("app_login", null), null,
        ReEntry.NEVER, List.of(JourneyStep.tag("t", "once")), List.of(), List.of()));
    long again = world.publish(new JourneyDefinition("Again", null, JourneyTrigger.event("app_login", null), null,
        ReEntry.AFTER_EXIT, List.of(JourneyStep.waitFor("w", "PT1H"), JourneyStep.tag("t", "again")), List.of(),
        List.of()));
    world.event("c", "app_login");
    world.event("c", "app_login");
    world.runDue();
    assertThat(world.runs(once)).isEqualTo(1);
    assertThat(world.runs(again)).as("still in flight: no second run").isEqualTo(1);
    world.pass(Duration.ofHours(1));
    world.event("c", "app_login");
    world.runDue();
    assertThat(world.runs(once)).isEqualTo(1);
    assertThat(world.runs(again)).isEqualTo(2);
  }

  @Test
  void anExperimentSplitAssignsStickyArmsByWeight() {
    long journey = world.publish(new JourneyDefinition("Split", null, JourneyTrigger.event("app_login", null), null,
        ReEntry.AFTER_EXIT, List.of(
            JourneyStep.split("split", List.of(new SplitArm("a", 50, "tag-a"), new SplitArm("b", 50, "tag-b"))),
            JourneyStep.tag("tag-a", "arm-a").withNext("end"),
            JourneyStep.tag("tag-b", "arm-b"),
            JourneyStep.exit("end", "done")), List.of(), List.of()));
    for (int i = 0; i < 40; i++) {
      world.event("s" + i, "app_login");
    }
    world.runDue();
    List<String> first = armsOf(40);
    for (int i = 0; i < 40; i++) {
      world.event("s" + i, "app_login");
    }
    world.runDue();
    assertThat(armsOf(40)).as("sticky").isEqualTo(first);
    assertThat(first).contains("arm-a", "arm-b");
    assertThat(journeys.report(world.id(), journey).steps().getFirst().arms().values())
        .allSatisfy(n -> assertThat(n).isBetween(10L, 70L));
  }

  private List<String> armsOf(int n) {
    return java.util.stream.IntStream.range(0, n).mapToObj(i -> world.tags("s" + i).getFirst()).toList();
  }

  @Test
  void aPausedJourneyNeitherEntersNorMovesUntilResumed() {
    long journey = world.publish(onRegistration(List.of(
        JourneyStep.waitFor("wait", "P1D"), JourneyStep.tag("mark", "moved")), null, null));
    world.event("c1", "registered");
    world.runDue();
    assertThat(journeys.pause(world.id(), journey)).isInstanceOf(JourneyResult.Done.class);
    world.event("c2", "registered");
    world.pass(Duration.ofDays(2));
    assertThat(world.tags("c1")).isEmpty();
    assertThat(world.runs(journey)).isEqualTo(1);

    assertThat(journeys.resume(world.id(), journey)).isInstanceOf(JourneyResult.Done.class);
    world.runDue();
    assertThat(world.tags("c1")).containsExactly("moved");
    assertThat(journeys.resume(world.id(), journey)).isInstanceOf(JourneyResult.Refused.class);
  }

  @Test
  void loanStageTransitionsEnterStageJourneys() {
    long journey = world.publish(new JourneyDefinition("Approved", null, JourneyTrigger.loanStage("FUNDER_APPROVED"),
        new JourneyGoal("drawdown", null), null, List.of(JourneyStep.tag("t", "approved")), List.of(), List.of()));
    world.event("b1", "registered");
    world.event("b1", "app_login");
    world.event("b1", "application_step", "step", "basic_info");
    world.event("b1", "risk_decision", "result", "passed");
    world.event("b1", "funder_decision", "funder", "f1", "result", "approved", "credit_line", new java.math.BigDecimal("5000.00"));
    world.runDue();
    assertThat(world.tags("b1")).containsExactly("approved");
    assertThat(world.runs(journey)).isEqualTo(1);
  }
}
