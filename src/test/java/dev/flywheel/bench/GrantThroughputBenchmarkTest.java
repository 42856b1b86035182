package dev.flywheel.bench;

import dev.flywheel.support.RunningFlywheel;
import org.junit.jupiter.api.Test;

/**
 * {@link GrantThroughputBenchmark} on the shared embedded PostgreSQL of every other test. zonky
 * starts that server with {@code -F} ({@code fsync=off}), so its commits reach the OS, not the
 * disk: the baseline is bound by a statement's round trip, not by a WAL flush. Runs in the
 * ordinary build in bounded form as a correctness test; {@link DurableGrantThroughputBenchmarkTest}
 * measures the same with fsync on.
 */
@RunningFlywheel
class GrantThroughputBenchmarkTest extends GrantThroughputBenchmark {

  @Test
  void grantsToOneCampaignAgainstASingleRowDecrementLoop() throws Exception {
    measure("grants", "Grants to one campaign vs a single-row decrement loop (shared embedded server)");
    // measure(...) asserted the ledger invariants; the report is what the run is for
    org.assertj.core.api.Assertions.assertThat(java.nio.file.Path.of("target/bench/grants.md")).isNotEmptyFile();
  }
}
