package dev.flywheel.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class HistoryGeneratorTest {
  private static final Instant END = Instant.parse("2026-06-30T16:00:00Z");
  private static final Instant START = END.minus(Duration.ofDays(365));

  @Test
  void theSameSeedWritesTheSameStories() {
    var a = new HistoryGenerator(42, START, END, "C").customer(17);
    var b = new HistoryGenerator(42, START, END, "C").customer(17);
    var c = new HistoryGenerator(43, START, END, "C").customer(17);
    assertThat(a).isEqualTo(b);
    assertThat(a.events()).isNotEqualTo(c.events());
  }

  @Test
  void nothingHappensAfterNowAndEventsAreInOrder() {
    var generator = new HistoryGenerator(7, START, END, "C");
    for (int i = 0; i < 500; i++) {
      List<SimulatedEvent> events = generator.customer(i).events();
      assertThat(events).allSatisfy(e -> assertThat(e.occurredAt()).isBeforeOrEqualTo(END));
      assertThat(events).isSortedAccordingTo(java.util.Comparator.comparing(SimulatedEvent::occurredAt));
      assertThat(events).extracting(SimulatedEvent::eventId).doesNotHaveDuplicates();
    }
  }

  @Test
  void borrowersWalkTheSeedFunnelAtItsRates() {
    var generator = new HistoryGenerator(2026, START, END, "C");
    List<SimulatedCustomer> borrowers = IntStream.range(0, 20_000).mapToObj(generator::customer)
        .filter(c -> !c.tags().contains("wealth")).toList();
    double acquired = borrowers.size();
    double registered = count(borrowers, "registered");
    double applied = borrowers.stream().filter(c -> c.events().stream()
        .anyMatch(e -> e.type().equals("application_step") && e.attributes().get("step").equals("submit"))).count();
    double riskPassed = borrowers.stream().filter(c -> has(c, "risk_decision", "result", "passed")).count();
    double approved = borrowers.stream().filter(c -> has(c, "funder_decision", "result", "approved")).count();
    double drawn = count(borrowers, "drawdown");

    assertThat(registered / acquired).isCloseTo(0.80, within(0.03));
    assertThat(applied / registered).isCloseTo(0.80, within(0.03));
    assertThat(riskPassed / applied).isCloseTo(0.50, within(0.03));
    assertThat(approved / riskPassed).isCloseTo(0.20, within(0.04));
    assertThat(drawn / approved).isBetween(0.55, 0.85);
  }

  private static long count(List<SimulatedCustomer> customers, String type) {
    return customers.stream().filter(c -> c.events().stream().anyMatch(e -> e.type().equals(type))).count();
  }

  private static boolean has(SimulatedCustomer c, String type, String attribute, String value) {
    return c.events().stream().anyMatch(e -> e.type().equals(type) && value.equals(e.attributes().get(attribute)));
  }
}
