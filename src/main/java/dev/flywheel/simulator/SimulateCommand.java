package dev.flywheel.simulator;

import dev.flywheel.platform.tenancy.Tenant;
import dev.flywheel.platform.tenancy.Tenants;
import java.time.Clock;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.Map;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.stereotype.Component;

/**
 * {@code java -jar flywheel.jar simulate --customers 100000 --days 90 [--seed 7] [--tenant demo]}:
 * fills a tenant (created when missing) with simulated history through the ingestion path, prints
 * a report and exits. Runs only when the first argument is {@code simulate}.
 */
@Component
class SimulateCommand implements ApplicationRunner {
  private final Simulation simulation;
  private final Tenants tenants;
  private final Clock clock;

  SimulateCommand(Simulation simulation, Tenants tenants, Clock clock) {
    this.simulation = simulation;
    this.tenants = tenants;
    this.clock = clock;
  }

  @Override
  public void run(ApplicationArguments args) {
    String[] raw = args.getSourceArgs();
    if (raw.length == 0 || !raw[0].equals("simulate")) {
      return;
    }
    Map<String, String> options = options(raw);
    String slug = options.getOrDefault("tenant", "demo");
    Tenant tenant = tenants.findBySlug(slug)
        .orElseGet(() -> tenants.create(slug, slug, ZoneId.of("Asia/Shanghai")));
    SimulationPlan plan = new SimulationPlan(Long.parseLong(options.getOrDefault("seed", "2026")),
        Integer.parseInt(options.getOrDefault("customers", "10000")),
        Integer.parseInt(options.getOrDefault("days", "90")), clock.instant(),
        options.getOrDefault("prefix", "S"));
    SimulationReport report = simulation.run(tenant.id(), plan);
    System.out.printf("Simulated %d customers into tenant '%s': %d events (%d accepted, %d duplicate, %d rejected) "
            + "in %.1f s = %.0f events/s%n", report.customers(), slug, report.events(), report.accepted(),
        report.duplicates(), report.rejected(), report.took().toMillis() / 1000.0, report.eventsPerSecond());
  }

  static Map<String, String> options(String[] raw) {
    Map<String, String> options = new HashMap<>();
    for (int i = 1; i < raw.length; i++) {
      String arg = raw[i];
      if (!arg.startsWith("--")) {
        throw new IllegalArgumentException("unexpected argument: " + arg);
      }
      String key = arg.substring(2);
      if (key.contains("=")) {
        options.put(key.substring(0, key.indexOf('=')), key.substring(key.indexOf('=') + 1));
      } else if (i + 1 < raw.length) {
        options.put(key, raw[++i]);
      } else {
        throw new IllegalArgumentException("missing value for --" + key);
      }
    }
    return options;
  }
}
