package dev.flywheel.bench;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flywheel.support.RunningFlywheel;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * {@link GrantThroughputBenchmark} with durable commits: its own embedded PostgreSQL with
 * {@code fsync=on} ({@link DurablePostgres}), so every commit waits for its WAL flush, in a Spring
 * context of its own, closed after the class. Costs a context start (~10 s), so it runs only
 * with {@code -Dflywheel.bench.durable=true} (the {@code bench} profile sets it).
 */
@RunningFlywheel
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
@EnabledIfSystemProperty(named = "flywheel.bench.durable", matches = "true")
class DurableGrantThroughputBenchmarkTest extends GrantThroughputBenchmark {
  @DynamicPropertySource
  static void durableServer(DynamicPropertyRegistry registry) {
    DurablePostgres.register("flywheel-pg-durable", registry);
  }

  @Test
  void durableGrantsToOneCampaignAgainstASingleRowDecrementLoop() throws Exception {
    measure("grants-durable", "Durable grants to one campaign vs a single-row decrement loop (fsync on)");
    // measure(...) asserted the ledger invariants; the report is what the run is for
    assertThat(Path.of("target/bench/grants-durable.md")).isNotEmptyFile();
  }
}
