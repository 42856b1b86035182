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

  /** Whether the large sizes of the {@code bench} profile are in force (only changes the report's wording). */
  static boolean full() {
    return Boolean.getBoolean("flywheel.bench.full");
  }
}
