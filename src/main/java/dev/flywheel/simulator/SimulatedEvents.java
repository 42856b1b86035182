package dev.flywheel.simulator;

import dev.flywheel.event.IncomingEvent;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.stream.IntStream;
import java.util.stream.Stream;

/**
 * Synthetic events without running a {@link Simulation}: for benchmarks and load drivers that
 * need realistic event bodies but ingest them themselves. Deterministic from its arguments.
 */
public final class SimulatedEvents {
  private static final int CUSTOMERS_PER_CHUNK = 500;

  private SimulatedEvents() {}

  /**
   * The events of {@code customers} synthetic customers acquired during the {@code days} before
   * {@code end}, none after it, in the order a {@link Simulation} ingests them: customers in
   * chunks of 500, each chunk's events by occurrence. Lazy, so long streams cost little memory.
   *
   * @param idPrefix prefixes customer ids (and hence event ids), so that runs can be kept apart
   */
  public static Stream<IncomingEvent> stream(long seed, int customers, int days, Instant end, String idPrefix) {
    HistoryGenerator generator = new HistoryGenerator(seed, end.minus(Duration.ofDays(days)), end, idPrefix);
    return IntStream.iterate(0, from -> from < customers, from -> from + CUSTOMERS_PER_CHUNK).boxed()
        .flatMap(from -> chunk(generator, from, Math.min(customers, from + CUSTOMERS_PER_CHUNK)).stream());
  }

  private static List<IncomingEvent> chunk(HistoryGenerator generator, int from, int to) {
    return IntStream.range(from, to).mapToObj(generator::customer)
        .flatMap(c -> c.events().stream())
        .sorted(Comparator.comparing(SimulatedEvent::occurredAt))
        .map(e -> new IncomingEvent(e.eventId(), e.customerId(), e.type(), e.occurredAt(), e.attributes(),
            e.channel(), e.campaign()))
        .toList();
  }
}
