package dev.flywheel.bench;

import dev.flywheel.event.EventType;
import dev.flywheel.event.IncomingEvent;
import dev.flywheel.event.types.AttributeCheck;
import dev.flywheel.event.types.AttributeJson;
import dev.flywheel.event.types.BuiltInTypes;
import dev.flywheel.platform.web.FieldIssue;
import dev.flywheel.simulator.SimulatedEvents;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.infra.Blackhole;

/**
 * The in-memory, per-event work of ingesting a batch of 1,000 simulated events: checking and
 * normalising attributes against the built-in schemas ({@link AttributeCheck}), and writing
 * them as the JSON stored in {@code events.attributes}. Baseline: copying the same attribute
 * maps, the least any path must do. Run by {@link AttributeNormalisationJmhTest}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class AttributeNormalisationBenchmark {
  static final int BATCH = 1_000;
  private List<IncomingEvent> events;

  @Setup
  public void generate() {
    events = SimulatedEvents.stream(11, Integer.MAX_VALUE, 365, Instant.parse("2026-06-30T16:00:00Z"), "J")
        .limit(BATCH).toList();
  }

  @Benchmark
  public void baselineCopyMaps(Blackhole bh) {
    for (IncomingEvent e : events) {
      bh.consume(new LinkedHashMap<>(e.attributes()));
    }
  }

  @Benchmark
  public void checkAttributes(Blackhole bh) {
    for (IncomingEvent e : events) {
      bh.consume(check(e));
    }
  }

  @Benchmark
  public void checkAndWriteJson(Blackhole bh) {
    for (IncomingEvent e : events) {
      bh.consume(AttributeJson.write(check(e)));
    }
  }

  private static Map<String, Object> check(IncomingEvent e) {
    List<FieldIssue> issues = new ArrayList<>(0);
    EventType type = BuiltInTypes.find(e.type()).orElseThrow();
    Map<String, Object> valid = AttributeCheck.check(type, e.attributes(), issues);
    if (!issues.isEmpty()) {
      throw new IllegalStateException(e + " " + issues);
    }
    return valid;
  }
}
