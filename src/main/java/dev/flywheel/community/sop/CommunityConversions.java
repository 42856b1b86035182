package dev.flywheel.community.sop;

import dev.flywheel.event.EventHistory;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.springframework.stereotype.Component;

/**
 * A conversion: a customer's {@code investment} or {@code drawdown} event (the event module's
 * built-in types) within a window after a moment (a product placement, an activity's start).
 */
@Component
public class CommunityConversions {
  public static final List<String> TYPES = List.of("investment", "drawdown");
  private final EventHistory events;

  CommunityConversions(EventHistory events) {
    this.events = events;
  }

  /** Which of {@code customers} had a conversion event in {@code [t, t + window)} for some t of {@code moments}. */
  public Set<String> converted(long tenantId, Set<String> customers, Collection<Instant> moments, Duration window) {
    if (customers.isEmpty() || moments.isEmpty()) {
      return Set.of();
    }
    List<Instant> sorted = moments.stream().sorted().toList();
    Set<String> converted = new HashSet<>();
    events.forEachInRange(tenantId, TYPES, sorted.getFirst(), sorted.getLast().plus(window), 500, e -> {
      if (customers.contains(e.customerId()) && sorted.stream()
          .anyMatch(t -> !e.occurredAt().isBefore(t) && e.occurredAt().isBefore(t.plus(window)))) {
        converted.add(e.customerId());
      }
    });
    return converted;
  }
}
