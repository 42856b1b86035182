package dev.flywheel.bench;

import dev.flywheel.platform.db.EmbeddedPostgresServer;
import dev.flywheel.support.FlywheelTest;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * {@link LotteryDrawBenchmark} with durable commits, on its own embedded PostgreSQL with
 * {@code fsync=on} (configured like {@link DurableGrantThroughputBenchmarkTest}'s), in a Spring
 * context of its own. Runs only with {@code -Dflywheel.bench.durable=true} ({@code -Pbench}).
 */
@FlywheelTest
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
@EnabledIfSystemProperty(named = "flywheel.bench.durable", matches = "true")
class DurableLotteryDrawBenchmarkTest extends LotteryDrawBenchmark {
  private static EmbeddedPostgres server;

  @DynamicPropertySource
  static synchronized void durableServer(DynamicPropertyRegistry registry) {
    if (server == null) {
      EmbeddedPostgresServer.start("", 0);
      EmbeddedPostgresServer.release("");
      try {
        Path data = Files.createTempDirectory("flywheel-pg-durable-lottery");
        server = EmbeddedPostgres.builder()
            .setOverrideWorkingDirectory(Path.of(System.getProperty("java.io.tmpdir"), "flywheel-pg-bin").toFile())
            .setDataDirectory(data.toFile()).setCleanDataDirectory(true)
            .setServerConfig("max_connections", "200")
            .setServerConfig("shared_buffers", "256MB")
            .setServerConfig("synchronous_commit", "on")
            .setServerConfig("fsync", "on")
            .setServerConfig("max_locks_per_transaction", "256")
            .setServerConfig("autovacuum_naptime", "10s")
            .setPGStartupWait(java.time.Duration.ofSeconds(60))
            .start();
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    registry.add("spring.datasource.url", () -> server.getJdbcUrl("postgres", "postgres"));
    registry.add("spring.datasource.username", () -> "postgres");
    registry.add("spring.datasource.hikari.maximum-pool-size", () -> 40);
  }

  @Test
  void durableDrawsFromSixtyFourClientsAgainstASingleClientStockDecrement() throws Exception {
    measure("lottery-durable", "Durable lottery draws: 64 clients vs a single-client stock decrement (fsync on)");
    org.assertj.core.api.Assertions.assertThat(java.nio.file.Path.of("target/bench/lottery-durable.md"))
        .isNotEmptyFile();
  }
}
