package dev.flywheel.bench;

/**
 * Benchmark sizes from system properties ({@code flywheel.bench.*}). The defaults are small, so
 * that the ordinary build runs every benchmark in a bounded form within seconds; the Maven
 * profile {@code bench} passes the large sizes (see {@code bench/README.md}).
 */
final class BenchSettings {
  private BenchSettings() {}

  static int integer(String name, int defaultValue) {
    String value = System.getProperty("flywheel.bench." + name);
    return value == null || value.isBlank() ? defaultValue : Integer.parseInt(value.trim());
  }

  static double decimal(String name, double defaultValue) {
    String value = System.getProperty("flywheel.bench." + name);
    return value == null || value.isBlank() ? defaultValue : Double.parseDouble(value.trim());
  }

  /**
   * Gives the planner statistics for the tables ingestion writes, as autovacuum does on a running
   * database (its first round comes a minute or more after start, later than a test's warm-up).
   * Without it, PostgreSQL's cached foreign-key check of {@code customer_stage_history} →
   * {@code customers}, planned while {@code customers} was nearly empty, stays a sequential
   * scan per history row and dominates the batch. {@code -Dflywheel.bench.analyze=false} skips
   * it, to measure that cold state.
   */
  static void analyze(org.springframework.jdbc.core.simple.JdbcClient jdbc) {
    if (analyzing()) {
      jdbc.sql("analyze customers, customer_stage_history, event_keys, events").update();
    }
  }

  static boolean analyzing() {
    return Boolean.parseBoolean(System.getProperty("flywheel.bench.analyze", "true"));
  }

  /** Whether the large sizes of the {@code bench} profile are in force (only changes the report's wording). */
  static boolean full() {
    return Boolean.getBoolean("flywheel.bench.full");
  }
}
