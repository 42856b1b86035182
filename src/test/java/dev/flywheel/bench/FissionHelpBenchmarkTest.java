package dev.flywheel.bench;

import dev.flywheel.support.RunningFlywheel;
import org.junit.jupiter.api.Test;

/** {@link FissionHelpBenchmark} on the shared embedded PostgreSQL; bounded in every {@code verify}. */
@RunningFlywheel
class FissionHelpBenchmarkTest extends FissionHelpBenchmark {

  @Test
  void helpsFromSixtyFourClientsOnManyTasksAgainstASingleClientConditionalUpdate() throws Exception {
    measure("fission", "Fission helps: 64 clients on many tasks vs a single-client conditional update (shared embedded server)");
    org.assertj.core.api.Assertions.assertThat(java.nio.file.Path.of("target/bench/fission.md")).isNotEmptyFile();
  }
}
