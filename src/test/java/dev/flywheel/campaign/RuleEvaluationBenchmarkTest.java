package dev.flywheel.campaign;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;

/**
 * Benchmark (see bench/README.md): the cost of a CEL rule against the same rule written in Java,
 * and of one event meeting 100 running campaigns, all in memory. Lives in the campaign package to
 * reach the compiler. Sizes from {@code flywheel.bench.rules.*}; bounded by default, large with
 * {@code -Pbench}. Asserts only that both forms decide alike; never speed.
 */
class RuleEvaluationBenchmarkTest {
  private static final int ITERATIONS = Integer.getInteger("flywheel.bench.rules.iterations", 20_000);
  private static final int CAMPAIGNS = 100;
  private final RuleCompiler compiler = new RuleCompiler();

  @Test
  void celRuleVersusJavaAndOneEventAgainstAHundredCampaigns() throws IOException {
    RuleProgram points = compile(new RuleDefinition("points", "points", "investment",
        "is_first_today && event.amount_fen >= 1000", List.of(EffectDefinition.Grant.of(Asset.POINTS, "event.amount_fen / 1000"))));
    Activation first = Activation.builder("investment").amount("1234.56").firstToday(true).build();
    assertThat(points.evaluate(first)).isEqualTo(handWritten(123456, true));

    for (int i = 0; i < ITERATIONS; i++) { // warm-up of both
      points.evaluate(first);
      handWritten(123456 + (i & 7), true);
    }
    Histogram cel = new Histogram(3);
    Histogram plain = new Histogram(3);
    long celTotal = 0;
    long javaTotal = 0;
    Object sink = null;
    for (int round = 0; round < 10; round++) {
      for (int i = 0; i < ITERATIONS / 10; i++) {
        long t0 = System.nanoTime();
        sink = points.evaluate(first);
        long t1 = System.nanoTime();
        sink = handWritten(123456 + (i & 7), (i & 1) == 0) == null ? sink : sink;
        long t2 = System.nanoTime();
        cel.recordValue(t1 - t0);
        plain.recordValue(t2 - t1);
        celTotal += t1 - t0;
        javaTotal += t2 - t1;
      }
    }
    assertThat(sink).isNotNull();

    List<RuleProgram> hundred = new ArrayList<>();
    for (int i = 0; i < CAMPAIGNS; i++) {
      hundred.add(compile(new RuleDefinition("r" + i, "r" + i, "investment", switch (i % 4) {
        case 0 -> "is_first_today && event.amount_fen >= " + (1000 + i);
        case 1 -> "event.amount_fen > 100000 && count_today(\"investment\") <= 5";
        case 2 -> "\"loan\" in customer.tags || customer.lifecycle_stage == \"DORMANT\"";
        default -> "int(event.attributes.term_days) >= 30 && event.amount_fen >= 500000";
      }, List.of(EffectDefinition.Grant.of(Asset.POINTS, "event.amount_fen / 1000")))));
    }
    Activation event = Activation.builder("investment").amount("5000.00").attribute("term_days", 90)
        .firstToday(true).countToday("investment", 2)
        .customer(new Activation.CustomerFacts("c1", List.of("loan"), "REPAYING", "ACTIVE", "", "", null, java.util.Map.of()))
        .build();
    Histogram perEvent = new Histogram(3);
    int applied = 0;
    int events = Math.max(200, ITERATIONS / 50);
    for (int i = 0; i < events * 2; i++) {
      long t0 = System.nanoTime();
      int n = 0;
      for (RuleProgram program : hundred) {
        if (program.evaluate(event) instanceof Decision.Applies) {
          n++;
        }
      }
      if (i >= events) { // first half warms up
        perEvent.recordValue(System.nanoTime() - t0);
      }
      applied = n;
    }
    assertThat(applied).isEqualTo(CAMPAIGNS);

    String report = """
        ## Rule evaluation in memory (%s)

        | what | p50 ns | p99 ns | mean ns |
        | --- | --- | --- | --- |
        | CEL rule `is_first_today && event.amount_fen >= 1000` → `event.amount_fen / 1000` points | %d | %d | %d |
        | the same rule hand-written in Java (baseline) | %d | %d | %d |
        | one event against %d running campaigns (100 CEL rules) | %d | %d | %d |

        CEL/Java ratio (mean): **%.1f×**. Per event with %d campaigns: p50 **%.1f µs** (target ≤ 10 µs).
        """.formatted(ITERATIONS >= 200_000 ? "bench sizes" : "bounded sizes, not for comparison",
        cel.getValueAtPercentile(50), cel.getValueAtPercentile(99), celTotal / ITERATIONS,
        plain.getValueAtPercentile(50), plain.getValueAtPercentile(99), javaTotal / ITERATIONS,
        CAMPAIGNS, perEvent.getValueAtPercentile(50), perEvent.getValueAtPercentile(99), (long) perEvent.getMean(),
        (double) celTotal / Math.max(1, javaTotal), CAMPAIGNS, perEvent.getValueAtPercentile(50) / 1000.0);
    System.out.println(report);
    Files.createDirectories(Path.of("target/bench"));
    Files.writeString(Path.of("target/bench/rules.md"), report);
  }

  private RuleProgram compile(RuleDefinition rule) {
    var result = compiler.compile(List.of(rule), Set.of("investment")::contains);
    assertThat(result).isInstanceOf(RuleCompiler.Result.Compiled.class);
    return ((RuleCompiler.Result.Compiled) result).programs().getFirst();
  }

  /** The baseline: what the CEL rule says, in plain Java. */
  private static Decision handWritten(long amountFen, boolean firstToday) {
    if (firstToday && amountFen >= 1000) {
      return new Decision.Applies("points", List.of(new ComputedEffect.Grant(Asset.POINTS, amountFen / 1000, null, 0, null)));
    }
    return new Decision.DoesNotApply("points", Decision.Why.CONDITION_FALSE, "is_first_today", "");
  }
}
