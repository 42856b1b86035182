package dev.flywheel.simulator;

import dev.flywheel.platform.security.ApiKeys;
import dev.flywheel.platform.security.ConsoleUsers;
import dev.flywheel.platform.security.Role;
import dev.flywheel.platform.tenancy.Tenant;
import dev.flywheel.platform.tenancy.Tenants;
import java.time.Clock;
import java.time.ZoneId;
import java.util.EnumSet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * On the first start with an empty database: the demo tenant, one login per role, the documented
 * demo API key, and simulated customers so every page has something to show. Runs once: a
 * database that has any tenant is left alone. The credentials are for a local demo only.
 */
@Component
class DemoSetup {
  static final String PASSWORD = "flywheel-demo";
  static final String API_KEY = "fw_demo0000_local-demo-key-do-not-use-in-production";
  private static final Logger log = LoggerFactory.getLogger(DemoSetup.class);
  private final Tenants tenants;
  private final ConsoleUsers users;
  private final ApiKeys apiKeys;
  private final Simulation simulation;
  private final DemoCampaigns campaigns;
  private final DemoCommunities communities;
  private final Clock clock;
  private final boolean enabled;
  private final int customers;
  private final int days;

  DemoSetup(Tenants tenants, ConsoleUsers users, ApiKeys apiKeys, Simulation simulation, DemoCampaigns campaigns,
      DemoCommunities communities, Clock clock,
      @Value("${flywheel.demo.enabled:true}") boolean enabled,
      @Value("${flywheel.demo.customers:10000}") int customers,
      @Value("${flywheel.demo.days:90}") int days) {
    this.tenants = tenants;
    this.users = users;
    this.apiKeys = apiKeys;
    this.simulation = simulation;
    this.campaigns = campaigns;
    this.communities = communities;
    this.clock = clock;
    this.enabled = enabled;
    this.customers = customers;
    this.days = days;
  }

  @EventListener(ApplicationReadyEvent.class)
  void onStart() {
    if (!enabled || !tenants.all().isEmpty()) {
      return;
    }
    Tenant demo = createTenant();
    Thread.ofVirtual().name("demo-data").start(() -> load(demo));
  }

  Tenant createTenant() {
    Tenant demo = tenants.create("demo", "Demo Finance", ZoneId.of("Asia/Shanghai"));
    users.create(demo.id(), "admin@demo", "Demo Admin", PASSWORD, EnumSet.of(Role.ADMIN, Role.OPERATOR));
    users.create(demo.id(), "operator@demo", "Demo Operator", PASSWORD, EnumSet.of(Role.OPERATOR));
    users.create(demo.id(), "approver@demo", "Demo Approver", PASSWORD, EnumSet.of(Role.APPROVER));
    users.create(demo.id(), "employee@demo", "Demo Employee", PASSWORD, EnumSet.of(Role.EMPLOYEE));
    apiKeys.issueWithSecret(demo.id(), "demo", "demo-setup", API_KEY);
    log.info("""

        ==================================================================
         Flywheel demo tenant created (local demo only, see README):
           console  http://localhost:<port>/  admin@demo / {}
           API key  {}
        ==================================================================""", PASSWORD, API_KEY);
    return demo;
  }

  private void load(Tenant demo) {
    log.info("Loading demo data: {} simulated customers over {} days ...", customers, days);
    SimulationReport report = simulation.run(demo.id(),
        new SimulationPlan(2026, customers, days, clock.instant(), "C"));
    log.info("Demo data loaded: {} customers, {} events in {} s", report.customers(), report.accepted(),
        report.took().toSeconds());
    campaigns.create(demo.id());
    log.info("Demo campaigns running: first-investment points and investment lottery chances");
    long started = System.nanoTime();
    communities.create(demo.id());
    log.info("Demo communities ready in {} ms: 3 communities managed by {}, SOP calendar, activity library, "
        + "a played quiz", (System.nanoTime() - started) / 1_000_000, DemoCommunities.MANAGER);
  }
}
