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
 * {@link LotteryDrawBenchmark} with durable commits, on its own embedded PostgreSQL with
 * {@code fsync=on} ({@link DurablePostgres}), in a Spring context of its own. Runs only with
 * {@code -Dflywheel.bench.durable=true} ({@code -Pbench}).
 */
@RunningFlywheel
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
@EnabledIfSystemProperty(named = "flywheel.bench.durable", matches = "true")
class DurableLotteryDrawBenchmarkTest extends LotteryDrawBenchmark {
  @DynamicPropertySource
  static void durableServer(DynamicPropertyRegistry registry) {
    DurablePostgres.register("flywheel-pg-durable-lottery", registry);
  }

  @Test
  void durableDrawsFromSixtyFourClientsAgainstASingleClientStockDecrement() throws Exception {
    measure("lottery-durable", "Durable lottery draws: 64 clients vs a single-client stock decrement (fsync on)");
    assertThat(Path.of("target/bench/lottery-durable.md")).isNotEmptyFile();
  }
}
