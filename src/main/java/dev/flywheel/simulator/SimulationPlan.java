package dev.flywheel.simulator;

import java.time.Duration;
import java.time.Instant;

/**
 * What to simulate.
 *
 * @param seed same seed, same customers and events
 * @param customers how many customers to acquire
 * @param days how far back the history starts
 * @param end the simulated "now": nothing happens after it
 * @param idPrefix customer ids are {@code <prefix><7 digits>}
 */
public record SimulationPlan(long seed, int customers, int days, Instant end, String idPrefix) {
  public SimulationPlan {
    if (customers < 1 || days < 1) {
      throw new IllegalArgumentException("customers and days must be positive");
    }
  }

  Instant start() {
    return end.minus(Duration.ofDays(days));
  }
}
