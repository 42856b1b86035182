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
 * {@link GrantThroughputBenchmark} with durable commits: its own embedded PostgreSQL, configured
 * like the shared one but with {@code fsync=on} (zonky's {@code -F} is overridden by a later
 * {@code -c fsync=on}), so every commit waits for its WAL flush. The app runs on it through
 * {@code spring.datasource.url} (the embedded-database configuration steps aside), in a Spring
 * context of its own, closed after the class. Costs a context start (~10 s), so it runs only
 * with {@code -Dflywheel.bench.durable=true} (the {@code bench} profile sets it).
 */
@FlywheelTest
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
@EnabledIfSystemProperty(named = "flywheel.bench.durable", matches = "true")
class DurableGrantThroughputBenchmarkTest extends GrantThroughputBenchmark {
  private static EmbeddedPostgres server;

  @DynamicPropertySource
  static synchronized void durableServer(DynamicPropertyRegistry registry) {
    if (server == null) {
      // start (and release) the shared server once: as root, that prepares the wrapped binaries
      EmbeddedPostgresServer.start("", 0);
      EmbeddedPostgresServer.release("");
      try {
        Path data = Files.createTempDirectory("flywheel-pg-durable");
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
  void durableGrantsToOneCampaignAgainstASingleRowDecrementLoop() throws Exception {
    measure("grants-durable", "Durable grants to one campaign vs a single-row decrement loop (fsync on)");
    // measure(...) asserted the ledger invariants; the report is what the run is for
    org.assertj.core.api.Assertions.assertThat(java.nio.file.Path.of("target/bench/grants-durable.md")).isNotEmptyFile();
  }
}
