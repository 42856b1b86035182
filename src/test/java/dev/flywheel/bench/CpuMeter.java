package dev.flywheel.bench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * CPU time spent by this JVM (server, clients and all) and by the benchmark's PostgreSQL server
 * (its postmaster and every child process, found through {@code postmaster.pid} in its data
 * directory; Linux {@code /proc} only). CPU per operation moves far less with the machine's load
 * than operations per second, so it tells where an operation's cost goes even on a busy machine.
 */
final class CpuMeter {
  private static final double TICKS_PER_SECOND = 100.0; // USER_HZ on Linux
  private final long postmaster;

  private CpuMeter(long postmaster) {
    this.postmaster = postmaster;
  }

  static CpuMeter of(JdbcClient jdbc) {
    String dataDirectory = jdbc.sql("select current_setting('data_directory')").query(String.class).single();
    try {
      return new CpuMeter(Long.parseLong(Files.readAllLines(Path.of(dataDirectory, "postmaster.pid")).getFirst().trim()));
    } catch (IOException | RuntimeException e) {
      return new CpuMeter(-1);
    }
  }

  /** CPU seconds so far: this JVM and the database server. */
  record Reading(double jvm, double database) {
    Reading minus(Reading earlier) {
      return new Reading(jvm - earlier.jvm, database - earlier.database);
    }

    Reading plus(Reading other) {
      return new Reading(jvm + other.jvm, database + other.database);
    }
  }

  Reading read() {
    double jvm = ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
        .getProcessCpuTime() / 1e9;
    return new Reading(jvm, postmaster < 0 ? Double.NaN : databaseSeconds());
  }

  private double databaseSeconds() {
    long ticks = 0;
    try (Stream<Path> processes = Files.list(Path.of("/proc"))) {
      for (Path p : (Iterable<Path>) processes.filter(p -> p.getFileName().toString().matches("\\d+"))::iterator) {
        ticks += ticksOf(p);
      }
    } catch (IOException e) {
      return Double.NaN;
    }
    return ticks / TICKS_PER_SECOND;
  }

  /** utime + stime of the postmaster or one of its children; 0 for any other process. */
  private long ticksOf(Path process) {
    try {
      String stat = Files.readString(process.resolve("stat"));
      String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
      long pid = Long.parseLong(process.getFileName().toString());
      long parent = Long.parseLong(fields[1]);
      return pid == postmaster || parent == postmaster ? Long.parseLong(fields[11]) + Long.parseLong(fields[12]) : 0;
    } catch (IOException | RuntimeException gone) {
      return 0;
    }
  }
}
