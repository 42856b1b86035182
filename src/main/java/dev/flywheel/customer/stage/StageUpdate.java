package dev.flywheel.customer.stage;

import dev.flywheel.event.EventAccepted;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;

/**
 * Applies a batch of accepted events to the customers they concern, with a fixed number of SQL
 * statements per tenant in the batch (settings, create missing, lock+load, update, history):
 * never one per event or per customer. Each customer's events are applied in occurrence order
 * (then store sequence), whatever order they arrived in. Must run inside a transaction; publishes
 * {@code LoanStageChanged}/{@code LifecycleStageChanged} after the rows are written.
 */
@Component
class StageUpdate {
  private static final Comparator<EventAccepted> OCCURRENCE =
      Comparator.comparing(EventAccepted::occurredAt).thenComparingLong(EventAccepted::seq);

  private final StageWriter writer;
  private final LifecycleSettingsStore settings;
  private final ApplicationEventPublisher publisher;
  private final Clock clock;

  StageUpdate(StageWriter writer, LifecycleSettingsStore settings, ApplicationEventPublisher publisher,
      Clock clock) {
    this.writer = writer;
    this.settings = settings;
    this.publisher = publisher;
    this.clock = clock;
  }

  void apply(List<EventAccepted> batch) {
    Map<Long, List<EventAccepted>> byTenant = batch.stream()
        .collect(Collectors.groupingBy(EventAccepted::tenantId, LinkedHashMap::new, Collectors.toList()));
    byTenant.forEach(this::applyForTenant);
  }

  private void applyForTenant(long tenantId, List<EventAccepted> events) {
    Instant now = clock.instant();
    Map<String, List<EventAccepted>> byCustomer = new TreeMap<>();
    for (EventAccepted e : events) {
      byCustomer.computeIfAbsent(e.customerId(), k -> new ArrayList<>()).add(e);
    }
    byCustomer.values().forEach(list -> list.sort(OCCURRENCE));
    String[] ids = byCustomer.keySet().toArray(String[]::new);
    Instant[] firstSeen = byCustomer.values().stream()
        .map(list -> min(list.getFirst().occurredAt(), now)).toArray(Instant[]::new);

    writer.ensureExist(tenantId, ids, firstSeen, now);
    List<StageState> states = writer.lock(tenantId, ids);
    StageFold fold = new StageFold(now, settings.find(tenantId));
    for (StageState state : states) {
      fold.apply(state, byCustomer.get(state.customerId));
    }
    writer.write(tenantId, states, now);
    writer.record(fold.history);
    fold.events.forEach(publisher::publishEvent);
  }

  private static Instant min(Instant a, Instant b) {
    return a.isBefore(b) ? a : b;
  }
}
