package dev.flywheel.bench;

import dev.flywheel.platform.db.EmbeddedPostgresServer;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.springframework.test.context.DynamicPropertyRegistry;

/**
 * Embedded PostgreSQL servers for the durable benchmarks: configured like the shared one but with
 * {@code fsync=on} (zonky's {@code -F} is overridden by a later {@code -c fsync=on}), so every
 * commit waits for its WAL flush. One server per name, started on first use; the app runs on it
 * through {@code spring.datasource.url} (the embedded-database configuration steps aside).
 */
final class DurablePostgres {
  private static final Map<String, EmbeddedPostgres> servers = new HashMap<>();

  private DurablePostgres() {}

  /** Points the Spring context at the durable server {@code name}, starting it first if needed. */
  static synchronized void register(String name, DynamicPropertyRegistry registry) {
    EmbeddedPostgres server = servers.computeIfAbsent(name, DurablePostgres::start);
    registry.add("spring.datasource.url", () -> server.getJdbcUrl("postgres", "postgres"));
    registry.add("spring.datasource.username", () -> "postgres");
    registry.add("spring.datasource.hikari.maximum-pool-size", () -> 40);
  }

  private static EmbeddedPostgres start(String name) {
    // start (and release) the shared server once: as root, that prepares the wrapped binaries
    EmbeddedPostgresServer.start("", 0);
    EmbeddedPostgresServer.release("");
    try {
      Path data = Files.createTempDirectory(name);
      EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder();
      if (StatementProfile.enabled()) {
        builder.setServerConfig("shared_preload_libraries", "pg_stat_statements");
      }
      return builder
          .setOverrideWorkingDirectory(Path.of(System.getProperty("java.io.tmpdir"), "flywheel-pg-bin").toFile())
          .setDataDirectory(data.toFile()).setCleanDataDirectory(true)
          .setServerConfig("max_connections", "200")
          .setServerConfig("shared_buffers", "256MB")
          .setServerConfig("synchronous_commit", "on")
          .setServerConfig("fsync", "on")
          .setServerConfig("max_locks_per_transaction", "256")
          .setServerConfig("autovacuum_naptime", "10s")
          .setPGStartupWait(Duration.ofSeconds(60))
          .start();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
