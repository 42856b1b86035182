package dev.flywheel.campaign.evaluation;

import dev.flywheel.campaign.ActiveCampaign;
import dev.flywheel.campaign.RuleDefinition;
import dev.flywheel.campaign.RuleProgram;
import dev.flywheel.event.EventAccepted;
import dev.flywheel.event.EventHistory;
import dev.flywheel.event.StoredEvent;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.WeakHashMap;
import org.springframework.stereotype.Component;

/**
 * The counters rules see ({@code count_today(type)}, {@code is_first_today}, {@code is_first_ever}),
 * computed from the event store through the event module's read API, so they cover the
 * customer's whole history (also before any campaign ran) and every event of the current batch
 * (stored before evaluation). Each event counts only the customer's events at or before it in
 * {@code (occurred_at, seq)} order; days are calendar days in the tenant's zone. The caller holds
 * the customer's evaluation lock, so a concurrent transaction's events are either committed
 * (and counted) or wait for us.
 *
 * <p>Reads the customer's events newest first, one page at a time, only as far back as needed:
 * to the start of the earliest day concerned and past one earlier event of each trigger type.
 */
@Component
class Counters {
  private static final Comparator<Position> ORDER = Comparator.comparing(Position::at).thenComparingLong(Position::seq);
  private final EventHistory history;
  private final EvaluationProperties properties;

  Counters(EventHistory history, EvaluationProperties properties) {
    this.history = history;
    this.properties = properties;
  }

  /** The names through which a rule reads counters; a rule that mentions none of them needs no history read. */
  private static final List<String> COUNTER_NAMES = List.of("count_today", "is_first_today", "is_first_ever");
  private final Map<RuleProgram, Boolean> readsCounters = java.util.Collections.synchronizedMap(new WeakHashMap<>());

  /**
   * Whether any rule of {@code listening} for {@code eventType} may read counters: its condition or
   * an effect's expression mentions one of their names (text search, so a mention in a string
   * literal also counts: never a false "no"). When false, the event needs no counters and the
   * customer's history is not read for it.
   */
  boolean needed(List<ActiveCampaign> listening, String eventType) {
    for (ActiveCampaign c : listening) {
      for (RuleProgram rule : c.rulesFor(eventType)) {
        if (readsCounters.computeIfAbsent(rule, r -> mentionsCounters(r.definition()))) {
          return true;
        }
      }
    }
    return false;
  }

  private static boolean mentionsCounters(RuleDefinition rule) {
    String text = rule.condition() + " " + rule.effects();
    return COUNTER_NAMES.stream().anyMatch(text::contains);
  }

  /** One event's counters. */
  record Count(Map<String, Long> today, boolean firstToday, boolean firstEver) {}

  private record Position(Instant at, long seq, String type) {}

  /** @param ordered the customer's events of this batch that campaigns listen to, oldest first */
  Map<Long, Count> of(long tenantId, String customerId, List<EventAccepted> ordered, ZoneId zone) {
    if (ordered.isEmpty()) {
      return Map.of();
    }
    Instant earliestDay = ordered.stream().map(e -> dayStart(e.occurredAt(), zone)).min(Instant::compareTo).orElseThrow();
    Map<String, Position> earliestOfType = new HashMap<>();
    for (EventAccepted e : ordered) {
      earliestOfType.merge(e.type(), new Position(e.occurredAt(), e.seq(), e.type()),
          (a, b) -> ORDER.compare(a, b) <= 0 ? a : b);
    }
    List<Position> seen = new ArrayList<>();
    Long before = null;
    int page = properties.historyPage();
    while (true) {
      List<StoredEvent> events = history.lastEvents(tenantId, customerId, page, before);
      events.forEach(s -> seen.add(new Position(s.occurredAt(), s.seq(), s.type())));
      if (events.size() < page || enough(seen, earliestDay, earliestOfType)) {
        break;
      }
      before = events.getLast().seq();
    }
    Map<Long, Count> counts = new HashMap<>();
    for (EventAccepted e : ordered) {
      Position self = new Position(e.occurredAt(), e.seq(), e.type());
      Instant from = dayStart(e.occurredAt(), zone);
      Instant to = dayStart(e.occurredAt(), zone, 1);
      Map<String, Long> today = new HashMap<>();
      boolean earlierOfType = false;
      for (Position p : seen) {
        boolean notAfter = ORDER.compare(p, self) <= 0;
        if (notAfter && !p.at().isBefore(from) && p.at().isBefore(to)) {
          today.merge(p.type(), 1L, Long::sum);
        }
        if (p.type().equals(e.type()) && ORDER.compare(p, self) < 0) {
          earlierOfType = true;
        }
      }
      today.putIfAbsent(e.type(), 1L); // itself, even if a read replica lagged (never less than one)
      counts.put(e.seq(), new Count(Map.copyOf(today), today.get(e.type()) == 1L, !earlierOfType));
    }
    return counts;
  }

  /** True once the pages reach before the earliest day and past an older event of every trigger type. */
  private static boolean enough(List<Position> seen, Instant earliestDay, Map<String, Position> earliestOfType) {
    Position oldest = seen.getLast();
    if (!oldest.at().isBefore(earliestDay)) {
      return false;
    }
    return earliestOfType.values().stream().allMatch(first -> seen.stream()
        .anyMatch(p -> p.type().equals(first.type()) && ORDER.compare(p, first) < 0));
  }

  static Instant dayStart(Instant at, ZoneId zone) {
    return dayStart(at, zone, 0);
  }

  private static Instant dayStart(Instant at, ZoneId zone, int plusDays) {
    return LocalDate.ofInstant(at, zone).plusDays(plusDays).atStartOfDay(zone).toInstant();
  }
}
