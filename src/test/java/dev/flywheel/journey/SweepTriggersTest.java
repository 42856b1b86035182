package dev.flywheel.journey;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flywheel.customer.Customers;
import dev.flywheel.customer.Segments;
import dev.flywheel.platform.time.MovableClock;
import dev.flywheel.reach.Reach;
import dev.flywheel.support.RunningFlywheel;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/** The triggers no event announces: entering a segment, and a daily schedule over a segment. */
@RunningFlywheel
class SweepTriggersTest {
  @Autowired Customers customers;
  @Autowired Segments segments;
  @Autowired MovableClock clock;
  @Autowired JdbcClient jdbc;
  @Autowired Reach reach;
  @Autowired org.springframework.context.ApplicationContext context;
  JourneyWorld world;
  long vips;

  @BeforeEach
  void setUp() {
    world = JourneyWorld.from(context);
    vips = ((Segments.Creation.Created) segments.create(world.id(), "VIPs", "", "\"vip\" in tags", "test"))
        .segment().id();
  }

  private void vip(String id) {
    world.event(id, "registered");
    customers.addTags(world.id(), Map.of(id, List.of("vip")));
  }

  @Test
  void customersEnterWhenTheyJoinASegmentAndAgainOnlyAfterLeavingIt() {
    long journey = world.publish(new JourneyDefinition("Welcome VIPs", null,
        new JourneyTrigger(TriggerKind.SEGMENT_ENTRY, null, null, vips, null, null), null, null,
        List.of(JourneyStep.tag("t", "welcomed")), List.of(), List.of()));
    vip("v1");
    world.event("plain", "registered");
    world.runDue();
    world.runDue();
    assertThat(world.tags("v1")).contains("welcomed");
    assertThat(world.runs(journey)).isEqualTo(1);

    vip("v2");
    world.runDue();
    assertThat(world.tags("v2")).contains("welcomed");
    assertThat(world.tags("plain")).isEmpty();
    assertThat(world.runs(journey)).isEqualTo(2);
  }

  @Test
  void aScheduleEntersTheSegmentOnceADayAfterItsTime() {
    long journey = world.publish(new JourneyDefinition("Morning VIPs", null,
        new JourneyTrigger(TriggerKind.SCHEDULE, null, null, vips, null, "09:00"), null, null,
        List.of(JourneyStep.tag("t", "morning")), List.of(), List.of()));
    ZoneId zone = world.tenant.tenant().timeZone();
    LocalDate day = clock.instant().atZone(zone).toLocalDate().plusDays(1);
    clock.set(day.atTime(LocalTime.of(8, 0)).atZone(zone).toInstant());
    vip("s1");
    vip("s2");
    world.runDue();
    assertThat(world.runs(journey)).as("before 09:00").isZero();
    world.pass(Duration.ofHours(2));
    world.runDue();
    assertThat(world.runs(journey)).isEqualTo(2);
    assertThat(world.tags("s1")).contains("morning");
    world.pass(Duration.ofHours(3));
    assertThat(world.runs(journey)).as("once a day").isEqualTo(2);
    world.pass(Duration.ofDays(1));
    assertThat(world.runs(journey)).isEqualTo(4);
  }

  @Test
  void aSweepThatDiesMidDayLeavesTheDayToTheNextSweepAfterItsLease() {
    long journey = world.publish(new JourneyDefinition("Evening VIPs", null,
        new JourneyTrigger(TriggerKind.SCHEDULE, null, null, vips, null, "18:00"), null, null,
        List.of(JourneyStep.tag("t", "evening")), List.of(), List.of()));
    ZoneId zone = world.tenant.tenant().timeZone();
    LocalDate day = clock.instant().atZone(zone).toLocalDate().plusDays(1);
    clock.set(day.atTime(LocalTime.of(17, 0)).atZone(zone).toInstant());
    vip("e1");
    vip("e2");
    vip("e3");
    clock.advance(Duration.ofHours(1));
    // the node's database writes fail while it enters the day's members, as if it died mid-claim
    String fault = "test_fail_run_" + journey;
    jdbc.sql("create function " + fault + "() returns trigger language plpgsql as $$ begin "
        + "if new.journey_id = " + journey + " then raise exception 'node died'; end if; return new; end $$")
        .update();
    jdbc.sql("create trigger " + fault + " before insert on journey_runs for each row execute function " + fault
        + "()").update();
    try {
      world.runDue();
    } finally {
      jdbc.sql("drop trigger " + fault + " on journey_runs").update();
      jdbc.sql("drop function " + fault + "()").update();
    }
    assertThat(world.runs(journey)).isZero();
    assertThat(jdbc.sql("select count(*) from journey_schedule_days where journey_id = :j and done_at is null")
        .param("j", journey).query(Long.class).single()).as("claimed, not done").isEqualTo(1);

    world.pass(Duration.ofMinutes(5));
    assertThat(world.runs(journey)).as("the dead node's lease still holds").isZero();
    world.pass(Duration.ofMinutes(6));
    assertThat(world.runs(journey)).as("taken over after the lease").isEqualTo(3);
    assertThat(world.tags("e2")).contains("evening");
    world.pass(Duration.ofMinutes(30));
    assertThat(world.runs(journey)).as("the day is done: nobody enters twice").isEqualTo(3);
    assertThat(jdbc.sql("select entered from journey_schedule_days where journey_id = :j")
        .param("j", journey).query(Integer.class).single()).isEqualTo(3);
    world.pass(Duration.ofDays(1));
    assertThat(world.runs(journey)).as("the next day enters again").isEqualTo(6);
  }
}
