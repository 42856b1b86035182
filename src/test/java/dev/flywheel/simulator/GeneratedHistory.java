package dev.flywheel.simulator;

import java.time.Instant;
import java.util.function.IntFunction;

/**
 * Test-scope access to the simulator's generator without ingesting: the customers (with their
 * events) a {@link SimulationPlan} would produce, one at a time by index. For benchmarks that
 * write the event store in bulk.
 */
public final class GeneratedHistory {
  private GeneratedHistory() {}

  /** Customer {@code i} (0 to {@code plan.customers() - 1}) of the plan, the same one {@link Simulation#run} would ingest. */
  public static IntFunction<SimulatedCustomer> of(SimulationPlan plan) {
    return new HistoryGenerator(plan.seed(), plan.start(), plan.end(), plan.idPrefix())::customer;
  }

  public static Instant start(SimulationPlan plan) {
    return plan.start();
  }
}
