package dev.flywheel.bench;

import dev.flywheel.support.RunningFlywheel;
import org.junit.jupiter.api.Test;

/**
 * {@link LotteryDrawBenchmark} on the shared embedded PostgreSQL (fsync off, so the baseline is a
 * round trip, not a WAL flush). Bounded in every {@code verify} as a correctness test.
 */
@RunningFlywheel
class LotteryDrawBenchmarkTest extends LotteryDrawBenchmark {

  @Test
  void drawsFromSixtyFourClientsAgainstASingleClientStockDecrement() throws Exception {
    measure("lottery", "Lottery draws: 64 clients vs a single-client stock decrement (shared embedded server)");
    org.assertj.core.api.Assertions.assertThat(java.nio.file.Path.of("target/bench/lottery.md")).isNotEmptyFile();
  }
}
