package dev.flywheel.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.HdrHistogram.Histogram;

/** A benchmark's result as Markdown: printed to stdout and written to {@code target/bench/<name>.md}. */
final class BenchReport {
  private final String title;
  private final List<String> lines = new ArrayList<>();

  BenchReport(String title) {
    this.title = title;
  }

  BenchReport line(String format, Object... args) {
    lines.add(String.format(Locale.ROOT, format, args));
    return this;
  }

  BenchReport row(Object... cells) {
    StringBuilder b = new StringBuilder("|");
    for (Object cell : cells) {
      b.append(' ').append(cell).append(" |");
    }
    lines.add(b.toString());
    return this;
  }

  /** A header row plus its separator. */
  BenchReport header(String... cells) {
    row((Object[]) cells);
    row(java.util.Arrays.stream(cells).map(c -> "---").toArray());
    return this;
  }

  String text() {
    StringBuilder b = new StringBuilder("## ").append(title).append("\n\n");
    b.append(String.format(Locale.ROOT, "Run %s on %d CPUs, JDK %s, max heap %d MiB%s.%n%n",
        Instant.now().truncatedTo(ChronoUnit.SECONDS), Runtime.getRuntime().availableProcessors(),
        System.getProperty("java.version"), Runtime.getRuntime().maxMemory() >> 20,
        BenchSettings.full() ? "" : " (bounded sizes of the ordinary build — not for comparison)"));
    lines.forEach(l -> b.append(l).append('\n'));
    return b.toString();
  }

  void publish(String name) {
    String text = text();
    System.out.println(text);
    try {
      Path dir = Path.of("target", "bench");
      Files.createDirectories(dir);
      Files.writeString(dir.resolve(name + ".md"), text);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Latencies are recorded in microseconds; shown in milliseconds. */
  static String ms(Histogram h, double percentile) {
    return String.format(Locale.ROOT, "%.2f", h.getValueAtPercentile(percentile) / 1000.0);
  }

  static String maxMs(Histogram h) {
    return String.format(Locale.ROOT, "%.2f", h.getMaxValue() / 1000.0);
  }

  static String rate(double perSecond) {
    return String.format(Locale.ROOT, "%,.0f", perSecond);
  }

  static String ratio(double value) {
    return String.format(Locale.ROOT, "%.2f×", value);
  }
}
