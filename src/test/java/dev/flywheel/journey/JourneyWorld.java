package dev.flywheel.journey;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flywheel.customer.Customers;
import dev.flywheel.event.EventIngestion;
import dev.flywheel.event.IncomingEvent;
import dev.flywheel.event.IngestionResult;
import dev.flywheel.platform.time.MovableClock;
import dev.flywheel.reach.delivery.PhoneTasks;
import dev.flywheel.reach.delivery.send.Attempts;
import dev.flywheel.reach.plan.Dispatcher;
import dev.flywheel.support.TestTenants;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.context.ApplicationContext;
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
  final dev.flywheel.reach.MessageTemplates templates;
  final dev.flywheel.reach.Reach reach;

  /** Reach's dispatcher and send attempts and the phone-task desk, for scenarios that deliver. */
  final Dispatcher dispatcher;
  final Attempts attempts;
  final PhoneTasks phoneTasks;
  private final ApplicationContext context;

  private JourneyWorld(TestTenants tenants, Journeys journeys, EventIngestion events, Customers customers,
      MovableClock clock, JdbcClient jdbc, dev.flywheel.reach.MessageTemplates templates, dev.flywheel.reach.Reach reach,
      ApplicationContext context) {
    this.context = context;
    this.dispatcher = context.getBean(Dispatcher.class);
    this.attempts = context.getBean(Attempts.class);
    this.phoneTasks = context.getBean(PhoneTasks.class);
    this.templates = templates;
    this.reach = reach;
    this.tenant = tenants.create();
    this.journeys = journeys;
    this.events = events;
    this.customers = customers;
    this.clock = clock;
    this.jdbc = jdbc;
  }

  /**
   * A world with a fresh tenant on the beans of the running (shared, cached) test context: tests
   * autowire only the {@link ApplicationContext}, so the context stays the one every
   * {@code @RunningFlywheel} class uses.
   */
  static JourneyWorld from(ApplicationContext context) {
    return new JourneyWorld(context.getBean(TestTenants.class), context.getBean(Journeys.class),
        context.getBean(EventIngestion.class), context.getBean(Customers.class), context.getBean(MovableClock.class),
        context.getBean(JdbcClient.class), context.getBean(dev.flywheel.reach.MessageTemplates.class),
        context.getBean(dev.flywheel.reach.Reach.class), context);
  }

  /** Any other bean of the context this world was built from. */
  <T> T bean(Class<T> type) {
    return context.getBean(type);
  }

  /** A reachable customer: phone, e-mail and push token. */
  void customer(String customerId) {
    customers.saveProfile(id(), customerId, Map.of("name", "Li Lei", "phone", "13912345678",
        "email", customerId + "@example.com",
        "attributes", Map.of("email", customerId + "@example.com", "push_token", "tok-" + customerId)));
  }

  /** Saves a reach template with one copy variant per body for each channel. */
  void template(String key, List<dev.flywheel.reach.Channel> channels, String... bodies) {
    for (dev.flywheel.reach.Channel channel : channels) {
      List<dev.flywheel.reach.MessageTemplate.Variant> variants = new java.util.ArrayList<>();
      for (int i = 0; i < bodies.length; i++) {
        variants.add(new dev.flywheel.reach.MessageTemplate.Variant("copy-" + (i + 1), 1, "Hello", bodies[i]));
      }
      templates.save(id(), new dev.flywheel.reach.MessageTemplate.Draft(key, channel, false, null, variants), "test");
    }
  }

  /** The run's messages as {@code step:channel}, each checked to exist in reach. */
  List<String> messages(long journeyId, String customerId) {
    return jdbc.sql("""
            select s.step_key, s.channel, s.message_id from journey_steps s join journey_runs r on r.id = s.run_id
            where r.tenant_id = :t and r.journey_id = :j and r.customer_id = :c and s.message_id is not null
            order by r.id, s.seq""")
        .param("t", id()).param("j", journeyId).param("c", customerId)
        .query((rs, n) -> {
          assertThat(reach.status(id(), rs.getLong(3))).as("message %s in reach", rs.getLong(3)).isPresent();
          return rs.getString(1) + ":" + rs.getString(2);
        })
        .list();
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
