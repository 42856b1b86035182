package dev.flywheel.journey;

import static org.assertj.core.api.Assertions.assertThat;

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

/** A branch reads {@code phone_outcome}: how the employee's call of the run's phone-task step went. */
@RunningFlywheel
class PhoneOutcomeBranchTest {
  private static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");
  @Autowired ApplicationContext context;
  JourneyWorld world;

  @BeforeEach
  void setUp() {
    world = JourneyWorld.from(context);
  }

  @Test
  void reachedOrPromisedCallsTakeTheThenArmAndUnansweredOrUnrecordedOnesTheElseArm() {
    world.template("recall-call", List.of(Channel.PHONE_TASK), "Call: remind them of the credit line");
    long journey = world.publish(new JourneyDefinition("Call and follow up", null,
        JourneyTrigger.event("app_login", null), null, ReEntry.NEVER, List.of(
            JourneyStep.phoneTask("call", MessageCategory.SERVICE, "recall-call"),
            JourneyStep.waitFor("give-time", "P1D"),
            JourneyStep.branch("outcome", "phone_outcome in ['REACHED', 'PROMISED']", "answered", "unanswered"),
            JourneyStep.tag("answered", "call-answered").withNext("end"),
            JourneyStep.tag("unanswered", "call-unanswered"),
            JourneyStep.exit("end", "called")), List.of(), List.of()));
    LocalDate day = world.clock.instant().atZone(SHANGHAI).toLocalDate().plusDays(1);
    world.clock.set(day.atTime(LocalTime.of(10, 0)).atZone(SHANGHAI).toInstant());
    List<String> people = List.of("promiser", "silent", "unrecorded");
    for (String customer : people) {
      world.customer(customer);
      world.event(customer, "app_login");
    }
    world.runDue();
    world.dispatcher.dispatchDue();
    world.attempts.runDue(world.id(), 20);

    record(journey, "promiser", PhoneTaskOutcome.Outcome.PROMISED);
    record(journey, "silent", PhoneTaskOutcome.Outcome.NO_ANSWER);
    world.pass(Duration.ofDays(1));
    world.runDue();

    assertThat(world.tags("promiser")).contains("call-answered").doesNotContain("call-unanswered");
    assertThat(world.tags("silent")).contains("call-unanswered").doesNotContain("call-answered");
    assertThat(world.tags("unrecorded")).contains("call-unanswered").doesNotContain("call-answered");
    assertThat(world.run(journey, "promiser")).isEqualTo("DONE:called");
    assertThat(world.run(journey, "silent")).isEqualTo("DONE:called");
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
