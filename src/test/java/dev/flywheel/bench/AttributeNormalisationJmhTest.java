package dev.flywheel.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Collection;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.Options;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

/**
 * Runs {@link AttributeNormalisationBenchmark} with JMH: in the ordinary build with tiny settings
 * and no fork (a smoke run, a second or two), under {@code -Pbench} with a fork and proper
 * warm-up. Reports each benchmark's time per 1,000-event batch and its ratio to the baseline.
 */
class AttributeNormalisationJmhTest {

  @Test
  void normalisingABatchAgainstCopyingItsMaps() throws RunnerException {
    int forks = BenchSettings.integer("jmh.forks", 0);
    Options options = new OptionsBuilder()
        .include(AttributeNormalisationBenchmark.class.getName() + "\\.")
        .forks(forks)
        .warmupIterations(BenchSettings.integer("jmh.warmup-iterations", 1))
        .warmupTime(TimeValue.milliseconds(BenchSettings.integer("jmh.iteration-ms", 150)))
        .measurementIterations(BenchSettings.integer("jmh.iterations", 2))
        .measurementTime(TimeValue.milliseconds(BenchSettings.integer("jmh.iteration-ms", 150)))
        .shouldFailOnError(true)
        .build();
    Collection<RunResult> results = new Runner(options).run();

    Map<String, double[]> byName = new TreeMap<>();
    for (RunResult r : results) {
      var stats = r.getPrimaryResult().getStatistics();
      String name = r.getParams().getBenchmark().substring(r.getParams().getBenchmark().lastIndexOf('.') + 1);
      byName.put(name, new double[] {stats.getMean(), stats.getN() > 1 ? stats.getMeanErrorAt(0.999) : Double.NaN});
    }
    assertThat(byName).containsKeys("baselineCopyMaps", "checkAttributes", "checkAndWriteJson");
    double baseline = byName.get("baselineCopyMaps")[0];
    BenchReport report = new BenchReport("JMH: normalising a batch of 1,000 events in memory")
        .line("`AttributeNormalisationBenchmark`, average time per batch of %,d simulated events; %d fork(s).",
            AttributeNormalisationBenchmark.BATCH, forks)
        .line("")
        .header("benchmark", "µs/batch", "± (99.9 %)", "ratio to baseline");
    byName.forEach((name, v) -> report.row(name, String.format(java.util.Locale.ROOT, "%.1f", v[0]),
        Double.isNaN(v[1]) ? "n/a" : String.format(java.util.Locale.ROOT, "%.1f", v[1]),
        BenchReport.ratio(v[0] / baseline)));
    report.publish("jmh");
  }
}
