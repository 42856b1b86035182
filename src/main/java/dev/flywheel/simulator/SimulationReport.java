package dev.flywheel.simulator;

import java.time.Duration;

/** What a simulation run stored. */
public record SimulationReport(int customers, long events, long accepted, long duplicates, long rejected,
    Duration took) {
  public double eventsPerSecond() {
    return took.isZero() ? 0 : events * 1000.0 / took.toMillis();
  }
}
