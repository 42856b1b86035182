package dev.flywheel.campaign;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BiFunction;
import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;

/**
 * Benchmark (see bench/README.md): the cost of a rule run by the CEL interpreter and in its direct
 * (compiled-closure) form against the same rule written in Java, and of one event meeting 100
 * running campaigns both ways, all in memory, in one run. Lives in the campaign package to reach
 * the compiler. Sizes from {@code flywheel.bench.rules.*}; bounded by default, large with
 * {@code -Pbench}. Asserts only that every form decides alike; never speed.
 */
class RuleEvaluationBenchmarkTest {
  private static final int ITERATIONS = Integer.getInteger("flywheel.bench.rules.iterations", 20_000);
  private static final int CAMPAIGNS = 100;
  private final RuleCompiler compiler = new RuleCompiler();

  /** Latencies of one measured form. */
  private record Timing(Histogram histogram, long[] total) {
    Timing() {
      this(new Histogram(3), new long[1]);
    }

    void record(long nanos) {
      histogram.recordValue(nanos);
      total[0] += nanos;
    }

    long p50() {
      return histogram.getValueAtPercentile(50);
    }

    String row(String what, long count, Timing baseline) {
      return "| %s | %,d | %,d | %,d | %s |".formatted(what, p50(), histogram.getValueAtPercentile(99),
          total[0] / count, baseline == null ? "1.0×" : "%.1f×".formatted((double) p50() / Math.max(1, baseline.p50())));
    }
  }

  @Test
  void ruleFormsVersusJavaAndOneEventAgainstAHundredCampaigns() throws IOException {
    RuleProgram points = compile(new RuleDefinition("points", "points", "investment",
        "is_first_today && event.amount_fen >= 1000", List.of(EffectDefinition.Grant.of(Asset.POINTS, "event.amount_fen / 1000"))));
    assertThat(points.fullyDirect()).isTrue();
    Activation first = Activation.builder("investment").amount("1234.56").firstToday(true).build();
    assertThat(points.evaluate(first)).isEqualTo(handWritten(123456, true)).isEqualTo(points.interpreted(first));

    for (int i = 0; i < ITERATIONS; i++) { // warm-up of all three
      points.evaluate(first);
      points.interpreted(first);
      handWritten(123456 + (i & 7), true);
    }
    Timing java = new Timing();
    Timing interpreted = new Timing();
    Timing direct = new Timing();
    Object sink = null;
    for (int i = 0; i < ITERATIONS; i++) {
      long t0 = System.nanoTime();
      sink = points.interpreted(first);
      long t1 = System.nanoTime();
      sink = points.evaluate(first) == null ? null : sink;
      long t2 = System.nanoTime();
      sink = handWritten(123456 + (i & 7), (i & 1) == 0) == null ? null : sink;
      long t3 = System.nanoTime();
      interpreted.record(t1 - t0);
      direct.record(t2 - t1);
      java.record(t3 - t2);
    }
    assertThat(sink).isNotNull();

    List<RuleProgram> hundred = hundredCampaigns();
    assertThat(hundred).allMatch(RuleProgram::fullyDirect);
    int events = Math.max(200, ITERATIONS / 50);
    Timing perEventDirect = new Timing();
    Timing perEventInterpreted = new Timing();
    Timing perEventWithActivation = new Timing();
    Timing noneDirect = new Timing();
    Timing noneInterpreted = new Timing();
    Activation event = event("5000.00", 90, true, "loan");
    Activation small = event("5.00", 7, false, "new");
    for (int i = 0; i < events * 2; i++) { // first half warms up
      boolean measured = i >= events;
      long t0 = System.nanoTime();
      int viaDirect = applying(hundred, event, RuleProgram::evaluate);
      long t1 = System.nanoTime();
      int viaInterpreter = applying(hundred, event, RuleProgram::interpreted);
      long t2 = System.nanoTime();
      int withActivation = applying(hundred, event("5000.00", 90, true, "loan"), RuleProgram::evaluate);
      long t3 = System.nanoTime();
      int noneViaDirect = applying(hundred, small, RuleProgram::evaluate);
      long t4 = System.nanoTime();
      int noneViaInterpreter = applying(hundred, small, RuleProgram::interpreted);
      long t5 = System.nanoTime();
      if (measured) {
        perEventDirect.record(t1 - t0);
        perEventInterpreted.record(t2 - t1);
        perEventWithActivation.record(t3 - t2);
        noneDirect.record(t4 - t3);
        noneInterpreted.record(t5 - t4);
      }
      assertThat(List.of(viaDirect, viaInterpreter, withActivation)).containsOnly(CAMPAIGNS);
      assertThat(List.of(noneViaDirect, noneViaInterpreter)).containsOnly(0);
    }

    String report = """
        ## Rule evaluation in memory (%s)

        Rule `is_first_today && event.amount_fen >= 1000` → `event.amount_fen / 1000` points, %,d iterations:

        | what | p50 ns | p99 ns | mean ns | p50 / Java |
        | --- | --- | --- | --- | --- |
        %s
        %s
        %s

        One `investment` event against %d running campaigns (100 rules of four shapes), %,d events:

        | what | p50 ns | p99 ns | mean ns | p50 / direct |
        | --- | --- | --- | --- | --- |
        %s
        %s
        %s
        %s
        %s

        Per event with %d campaigns, direct form: p50 **%.1f µs** every rule applying, **%.1f µs** none
        applying (target ≤ 10 µs); interpreter: p50 %.1f µs and %.1f µs.
        """.formatted(ITERATIONS >= 200_000 ? "bench sizes" : "bounded sizes, not for comparison", ITERATIONS,
        java.row("hand-written Java (baseline)", ITERATIONS, null),
        interpreted.row("CEL interpreter", ITERATIONS, java),
        direct.row("direct form (compiled closures)", ITERATIONS, java),
        CAMPAIGNS, events,
        perEventDirect.row("direct form, every rule applies", events, null),
        perEventWithActivation.row("direct form, every rule applies, activation built per event", events, perEventDirect),
        noneDirect.row("direct form, no rule applies (explanations)", events, perEventDirect),
        perEventInterpreted.row("CEL interpreter, every rule applies", events, perEventDirect),
        noneInterpreted.row("CEL interpreter, no rule applies", events, perEventDirect),
        CAMPAIGNS, perEventDirect.p50() / 1000.0, noneDirect.p50() / 1000.0, perEventInterpreted.p50() / 1000.0,
        noneInterpreted.p50() / 1000.0);
    System.out.println(report);
    Files.createDirectories(Path.of("target/bench"));
    Files.writeString(Path.of("target/bench/rules.md"), report);
  }

  private List<RuleProgram> hundredCampaigns() {
    List<RuleProgram> hundred = new ArrayList<>();
    for (int i = 0; i < CAMPAIGNS; i++) {
      hundred.add(compile(new RuleDefinition("r" + i, "r" + i, "investment", switch (i % 4) {
        case 0 -> "is_first_today && event.amount_fen >= " + (1000 + i);
        case 1 -> "event.amount_fen > 100000 && count_today(\"investment\") <= 5";
        case 2 -> "\"loan\" in customer.tags || customer.lifecycle_stage == \"DORMANT\"";
        default -> "int(event.attributes.term_days) >= 30 && event.amount_fen >= 500000";
      }, List.of(EffectDefinition.Grant.of(Asset.POINTS, "event.amount_fen / 1000")))));
    }
    return hundred;
  }

  private static Activation event(String yuan, int termDays, boolean firstToday, String tag) {
    return Activation.builder("investment").amount(yuan).attribute("term_days", termDays)
        .firstToday(firstToday).countToday("investment", 2)
        .customer(new Activation.CustomerFacts("c1", List.of(tag), "REPAYING", "ACTIVE", "", "", null, Map.of()))
        .build();
  }

  private static int applying(List<RuleProgram> programs, Activation event,
      BiFunction<RuleProgram, Activation, Decision> how) {
    int n = 0;
    for (RuleProgram program : programs) {
      if (how.apply(program, event) instanceof Decision.Applies) {
        n++;
      }
    }
    return n;
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
