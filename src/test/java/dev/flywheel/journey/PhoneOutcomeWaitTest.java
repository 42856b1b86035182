package dev.flywheel.journey;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flywheel.platform.web.FieldIssue;
import dev.flywheel.reach.Channel;
import dev.flywheel.reach.MessageCategory;
import dev.flywheel.reach.PhoneTaskOutcome;
import dev.flywheel.reach.delivery.PhoneTasks;
import dev.flywheel.support.RunningFlywheel;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;

/**
 * A wait step that resumes as soon as the employee records the outcome of the run's phone task
 * (reach publishes {@code PhoneTaskOutcome}), or times out.
 */
@RunningFlywheel
class PhoneOutcomeWaitTest {
  private static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");
  @Autowired ApplicationContext context;
  JourneyWorld world;

  @BeforeEach
  void setUp() {
    world = JourneyWorld.from(context);
    world.template("recall-call", List.of(Channel.PHONE_TASK), "Call: remind them of the credit line");
    LocalDate day = world.clock.instant().atZone(SHANGHAI).toLocalDate().plusDays(1);
    world.clock.set(day.atTime(LocalTime.of(10, 0)).atZone(SHANGHAI).toInstant());
  }

  @Test
  void theRunGoesOnWhenTheOutcomeIsRecordedAndTimesOutWithoutOne() {
    long journey = world.publish(definition(null));
    List<String> people = List.of("promiser", "silent", "unrecorded");
    for (String customer : people) {
      world.customer(customer);
      world.event(customer, "app_login");
    }
    world.runDue();
    world.dispatcher.dispatchDue();
    world.attempts.runDue(world.id(), 20);
    assertThat(world.run(journey, "promiser")).isEqualTo("WAITING");

    world.clock.advance(Duration.ofHours(1));
    record(journey, "promiser", PhoneTaskOutcome.Outcome.PROMISED);
    record(journey, "silent", PhoneTaskOutcome.Outcome.NO_ANSWER);
    world.runDue();

    assertThat(world.tags("promiser")).as("an hour in, long before the timeout").contains("call-answered");
    assertThat(world.tags("silent")).contains("call-unanswered");
    assertThat(world.steps(journey, "promiser")).containsExactly("call:sent", "wait-call:waiting",
        "wait-call:outcome-recorded", "outcome:branched", "answered:tagged", "end:exited");
    assertThat(world.run(journey, "unrecorded")).isEqualTo("WAITING");
    assertThat(world.tags("unrecorded")).isEmpty();

    world.pass(Duration.ofDays(2));
    assertThat(world.tags("unrecorded")).containsExactly("no-outcome");
    assertThat(world.steps(journey, "unrecorded")).containsExactly("call:sent", "wait-call:waiting",
        "wait-call:timed-out", "no-outcome:tagged", "end:exited");
    assertThat(world.run(journey, "promiser")).isEqualTo("DONE:called");
  }

  @Test
  void anUntilConditionKeepsWaitingForAnOutcomeThatDoesNotMatch() {
    long journey = world.publish(definition("phone_outcome == 'REACHED'"));
    world.customer("busy");
    world.event("busy", "app_login");
    world.runDue();
    world.dispatcher.dispatchDue();
    world.attempts.runDue(world.id(), 20);
    record(journey, "busy", PhoneTaskOutcome.Outcome.NO_ANSWER);
    world.runDue();
    assertThat(world.run(journey, "busy")).isEqualTo("WAITING");
    world.pass(Duration.ofDays(2));
    assertThat(world.tags("busy")).containsExactly("no-outcome");
  }

  @Test
  void aPhoneOutcomeWaitNeedsATimeoutAndATimeoutTarget() {
    JourneyResult result = world.journeys.create(world.id(), new JourneyDefinition("No timeout", null,
        JourneyTrigger.event("app_login", null), null, ReEntry.NEVER, List.of(
            JourneyStep.phoneTask("call", MessageCategory.SERVICE, "recall-call"),
            JourneyStep.waitForPhoneOutcome("wait-call", null, null, null),
            JourneyStep.exit("end", "called")), List.of(), List.of()), "test");
    assertThat(result).isInstanceOf(JourneyResult.Invalid.class);
    assertThat(((JourneyResult.Invalid) result).issues()).extracting(FieldIssue::code)
        .contains("missing-timeout", "missing-timeout-target");
  }

  private JourneyDefinition definition(String untilCondition) {
    JourneyStep wait = JourneyStep.waitForPhoneOutcome("wait-call", "P2D", "outcome", "no-outcome");
    if (untilCondition != null) {
      wait = wait.withUntilCondition(untilCondition);
    }
    return new JourneyDefinition("Call and wait for the outcome", null,
        JourneyTrigger.event("app_login", null), null, ReEntry.NEVER, List.of(
            JourneyStep.phoneTask("call", MessageCategory.SERVICE, "recall-call"),
            wait,
            JourneyStep.branch("outcome", "phone_outcome in ['REACHED', 'PROMISED']", "answered", "unanswered"),
            JourneyStep.tag("answered", "call-answered").withNext("end"),
            JourneyStep.tag("unanswered", "call-unanswered").withNext("end"),
            JourneyStep.tag("no-outcome", "no-outcome"),
            JourneyStep.exit("end", "called")), List.of(), List.of());
  }

  private void record(long journey, String customer, PhoneTaskOutcome.Outcome outcome) {
    long message = world.jdbc.sql("""
            select s.message_id from journey_steps s join journey_runs r on r.id = s.run_id
            where r.journey_id = :j and r.customer_id = :c and s.step_key = 'call'""")
        .param("j", journey).param("c", customer).query(Long.class).single();
    assertThat(world.phoneTasks.claim(world.id(), message, "caller")).isPresent();
    assertThat(world.phoneTasks.record(world.id(), message, "caller", outcome, null))
        .isInstanceOf(PhoneTasks.Recording.Recorded.class);
  }
}
