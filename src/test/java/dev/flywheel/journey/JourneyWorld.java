package dev.flywheel.journey;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flywheel.customer.Customers;
import dev.flywheel.event.EventIngestion;
import dev.flywheel.event.IncomingEvent;
import dev.flywheel.event.IngestionResult;
import dev.flywheel.platform.time.MovableClock;
import dev.flywheel.support.TestTenants;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * A journey scenario: one fresh tenant, customers fed through the event API, the clock moved and
 * due steps run as the scheduler would.
 */
final class JourneyWorld {
  final TestTenants.TestTenant tenant;
  final Journeys journeys;
  final EventIngestion events;
  final Customers customers;
  final MovableClock clock;
  final JdbcClient jdbc;

  JourneyWorld(TestTenants tenants, Journeys journeys, EventIngestion events, Customers customers, MovableClock clock,
      JdbcClient jdbc) {
    this.tenant = tenants.create();
    this.journeys = journeys;
    this.events = events;
    this.customers = customers;
    this.clock = clock;
    this.jdbc = jdbc;
  }

  long id() {
    return tenant.id();
  }

  /** Creates and publishes a journey; returns its id. */
  long publish(JourneyDefinition definition) {
    JourneyResult created = journeys.create(id(), definition, "test");
    assertThat(created).as("created: %s", created).isInstanceOf(JourneyResult.Done.class);
    long journeyId = ((JourneyResult.Done) created).journey().id();
    assertThat(journeys.publish(id(), journeyId, "test")).isInstanceOf(JourneyResult.Done.class);
    return journeyId;
  }

  long fromTemplate(String template, Map<String, Object> parameters) {
    JourneyResult created = journeys.createFromTemplate(id(), template, parameters, "test");
    assertThat(created).as("created: %s", created).isInstanceOf(JourneyResult.Done.class);
    long journeyId = ((JourneyResult.Done) created).journey().id();
    assertThat(journeys.publish(id(), journeyId, "test")).isInstanceOf(JourneyResult.Done.class);
    return journeyId;
  }

  /** An event now, through the event API. */
  void event(String customerId, String type, Object... attributes) {
    Map<String, Object> map = new HashMap<>();
    for (int i = 0; i < attributes.length; i += 2) {
      map.put((String) attributes[i], attributes[i + 1]);
    }
    IngestionResult result = events.ingest(id(), IncomingEvent.of(UUID.randomUUID().toString(), customerId, type,
        clock.instant(), map));
    assertThat(result).as("ingested %s", type).isInstanceOf(IngestionResult.Accepted.class);
  }

  /** Moves the clock and runs what fell due. */
  int pass(Duration duration) {
    clock.advance(duration);
    return journeys.runDue();
  }

  int runDue() {
    return journeys.runDue();
  }

  List<String> tags(String customerId) {
    return customers.find(id(), customerId).orElseThrow().tags();
  }

  /** The run's logged steps as {@code key:outcome}, in order. */
  List<String> steps(long journeyId, String customerId) {
    return jdbc.sql("""
            select s.step_key || ':' || s.outcome from journey_steps s join journey_runs r on r.id = s.run_id
            where r.tenant_id = :t and r.journey_id = :j and r.customer_id = :c order by r.id, s.seq""")
        .param("t", id()).param("j", journeyId).param("c", customerId).query(String.class).list();
  }

  /** The customer's latest run on the journey: status and exit reason. */
  String run(long journeyId, String customerId) {
    return jdbc.sql("""
            select status || coalesce(':' || exit_reason, '') from journey_runs
            where tenant_id = :t and journey_id = :j and customer_id = :c order by id desc limit 1""")
        .param("t", id()).param("j", journeyId).param("c", customerId).query(String.class).optional().orElse("none");
  }

  long runs(long journeyId) {
    return jdbc.sql("select count(*) from journey_runs where tenant_id = :t and journey_id = :j")
        .param("t", id()).param("j", journeyId).query(Long.class).single();
  }
}
