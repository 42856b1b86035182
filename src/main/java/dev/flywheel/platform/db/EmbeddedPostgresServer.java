package dev.flywheel.platform.db;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.HashMap;
import java.util.Map;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real PostgreSQL server (zonky's packaged PG 17 binaries) for development and tests.
 *
 * <p>One server per data directory per JVM: Spring test contexts that share a JVM share the
 * server. A persistent data directory (e.g. {@code ./data/pg}) survives restarts; an empty
 * setting gives a throw-away directory that is removed when the JVM exits.
 *
 * <p>PostgreSQL refuses to run as root. When this JVM runs as root (CI, containers), the
 * {@code initdb} and {@code pg_ctl} binaries are wrapped once so the server runs as the
 * unprivileged user {@code nobody}; this is the only deviation from the packaged binaries.
 */
public final class EmbeddedPostgresServer {
  private static final Logger log = LoggerFactory.getLogger(EmbeddedPostgresServer.class);
  private static final Map<String, EmbeddedPostgres> RUNNING = new HashMap<>();
  private static final Map<String, Integer> USERS = new HashMap<>();
  private static final Path BINARIES = Path.of(System.getProperty("java.io.tmpdir"), "flywheel-pg-bin");

  static {
    Runtime.getRuntime().addShutdownHook(new Thread(EmbeddedPostgresServer::stopLeftovers, "embedded-pg-stop"));
  }

  private EmbeddedPostgresServer() {}

  /** At JVM exit: give the Spring contexts time to close their pools, then stop what is left. */
  private static void stopLeftovers() {
    long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(20);
    while (System.nanoTime() < deadline) {
      synchronized (EmbeddedPostgresServer.class) {
        if (RUNNING.isEmpty()) {
          return;
        }
      }
      try {
        Thread.sleep(100);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        break;
      }
    }
    synchronized (EmbeddedPostgresServer.class) {
      for (String key : java.util.List.copyOf(RUNNING.keySet())) {
        USERS.put(key, 1);
        release(key.equals("<temporary>") ? null : key);
      }
    }
  }

  /**
   * Starts (or returns the already running) server for the data directory and counts one more
   * user of it; thread-safe. Each call must be matched by {@link #release}.
   */
  public static synchronized EmbeddedPostgres start(String dataDirectory, int port) {
    String key = key(dataDirectory);
    USERS.merge(key, 1, Integer::sum);
    return RUNNING.computeIfAbsent(key, k -> launch(dataDirectory, port));
  }

  /**
   * One user is done; the last one stops the server. The server is stopped here, after the
   * connection pool has closed, rather than by a JVM shutdown hook of its own: a hook would race
   * Spring's and could pull the database away while the application is still shutting down.
   */
  public static synchronized void release(String dataDirectory) {
    String key = key(dataDirectory);
    if (USERS.merge(key, -1, Integer::sum) > 0) {
      return;
    }
    USERS.remove(key);
    EmbeddedPostgres server = RUNNING.remove(key);
    if (server != null) {
      try {
        server.close();
      } catch (IOException e) {
        log.warn("could not stop embedded PostgreSQL cleanly", e);
      }
    }
  }

  private static String key(String dataDirectory) {
    return dataDirectory == null || dataDirectory.isBlank() ? "<temporary>" : dataDirectory;
  }

  private static EmbeddedPostgres launch(String dataDirectory, int port) {
    try {
      if (runningAsRoot()) {
        prepareBinariesForRoot();
      }
      return builder(dataDirectory, port).start();
    } catch (IOException e) {
      throw new UncheckedIOException("could not start embedded PostgreSQL", e);
    }
  }

  private static EmbeddedPostgres.Builder builder(String dataDirectory, int port) throws IOException {
    EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder()
        .setOverrideWorkingDirectory(BINARIES.toFile())
        .setServerConfig("max_connections", "200")
        .setServerConfig("shared_buffers", "256MB")
        .setServerConfig("synchronous_commit", "on")
        .setServerConfig("max_locks_per_transaction", "256")
        // a fresh development or demo database fills fast: gather planner statistics early
        .setServerConfig("autovacuum_naptime", "10s")
        .setPGStartupWait(java.time.Duration.ofSeconds(60))
        .setRegisterShutdownHook(false);
    if (port > 0) {
      builder.setPort(port);
    }
    if (dataDirectory == null || dataDirectory.isBlank()) {
      // throw-away test data: zonky's default fsync=off (its -F flag) is fine and fast
      Path temp = Files.createTempDirectory("flywheel-pg-data");
      builder.setDataDirectory(temp.toFile()).setCleanDataDirectory(true);
    } else {
      // data that must survive: zonky starts the server with -F (fsync off); a later -c wins
      File dir = new File(dataDirectory).getAbsoluteFile();
      Files.createDirectories(dir.toPath());
      builder.setDataDirectory(dir).setCleanDataDirectory(false).setServerConfig("fsync", "on");
    }
    return builder;
  }

  private static boolean runningAsRoot() {
    return "root".equals(System.getProperty("user.name"));
  }

  /**
   * Extracts the binaries (a first start fails at initdb as root but leaves them unpacked), then
   * wraps initdb and pg_ctl so they drop to {@code nobody}.
   */
  private static void prepareBinariesForRoot() throws IOException {
    if (findBinDirectory() == null) {
      try {
        Path scratch = Files.createTempDirectory("flywheel-pg-probe");
        EmbeddedPostgres.builder().setOverrideWorkingDirectory(BINARIES.toFile())
            .setDataDirectory(scratch.toFile()).setCleanDataDirectory(true).start().close();
      } catch (RuntimeException | IOException expected) {
        log.debug("first start as root failed as expected; binaries are unpacked now", expected);
      }
    }
    Path bin = findBinDirectory();
    if (bin == null) {
      throw new IllegalStateException("embedded PostgreSQL binaries were not unpacked under " + BINARIES);
    }
    for (String tool : new String[] {"initdb", "pg_ctl"}) {
      Path real = bin.resolve(tool + "-real");
      if (Files.exists(real)) {
        continue;
      }
      Files.move(bin.resolve(tool), real);
      Path wrapper = bin.resolve(tool);
      Files.writeString(wrapper, WRAPPER);
      Files.setPosixFilePermissions(wrapper, PosixFilePermissions.fromString("rwxr-xr-x"));
    }
    // zonky re-extracts when anything is newer than its ".exists" marker
    Files.setLastModifiedTime(bin.getParent().resolve(".exists"),
        java.nio.file.attribute.FileTime.fromMillis(System.currentTimeMillis() + 1000));
    BINARIES.toFile().setExecutable(true, false);
  }

  private static Path findBinDirectory() throws IOException {
    if (!Files.isDirectory(BINARIES)) {
      return null;
    }
    try (Stream<Path> dirs = Files.list(BINARIES)) {
      return dirs.filter(d -> d.getFileName().toString().startsWith("PG-"))
          .map(d -> d.resolve("bin"))
          .filter(b -> Files.exists(b.resolve("initdb")))
          .findFirst().orElse(null);
    }
  }

  private static final String WRAPPER = """
      #!/bin/sh
      # Flywheel: PostgreSQL refuses to run as root; as root, run it as the unprivileged 'nobody'.
      real="$0-real"
      if [ "$(id -u)" != "0" ]; then exec "$real" "$@"; fi
      data=""; prev=""
      for a in "$@"; do [ "$prev" = "-D" ] && data="$a"; prev="$a"; done
      if [ -n "$data" ] && [ "$(stat -c %u "$data")" != "65534" ]; then
        chown -R 65534:65534 "$data"; chmod 700 "$data"
      fi
      cd /tmp
      exec setpriv --reuid=65534 --regid=65534 --clear-groups "$real" "$@"
      """;
}
