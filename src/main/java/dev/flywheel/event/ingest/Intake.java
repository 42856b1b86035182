package dev.flywheel.event.ingest;

import dev.flywheel.event.EventAccepted;
import dev.flywheel.event.EventTypes;
import dev.flywheel.event.IngestionResult;
import dev.flywheel.event.IngestionResult.Accepted;
import dev.flywheel.event.IngestionResult.Duplicate;
import dev.flywheel.event.IngestionResult.Rejected;
import dev.flywheel.event.store.EventStore;
import dev.flywheel.event.store.Partitions;
import dev.flywheel.platform.web.FieldIssue;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * The one ingestion path (HTTP, simulator, benchmarks): validate in memory, claim idempotency
 * keys, store the new events, publish {@link EventAccepted} for each, all in one transaction.
 * Thread-safe; concurrent replays of one event id store it once.
 */
@Component
public class Intake {
  private final EventTypes types;
  private final EventStore store;
  private final Partitions partitions;
  private final ApplicationEventPublisher publisher;
  private final IngestionProperties properties;
  private final Clock clock;

  Intake(EventTypes types, EventStore store, Partitions partitions, ApplicationEventPublisher publisher,
      IngestionProperties properties, Clock clock) {
    this.types = types;
    this.store = store;
    this.partitions = partitions;
    this.publisher = publisher;
    this.properties = properties;
    this.clock = clock;
  }

  /** Results in submission order. Rejected items are not stored; the valid ones commit together. */
  @Transactional
  public List<IngestionResult> accept(long tenantId, List<Submission> submissions) {
    Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
    EventCheck check = new EventCheck(name -> types.find(tenantId, name), now, properties.maxFutureSkew());
    IngestionResult[] results = new IngestionResult[submissions.size()];
    Map<String, Integer> firstValid = new HashMap<>();
    List<ValidEvent> unique = new ArrayList<>();
    for (int i = 0; i < results.length; i++) {
      List<FieldIssue> issues = new ArrayList<>();
      Optional<ValidEvent> valid = check.check(submissions.get(i), issues);
      if (valid.isEmpty()) {
        results[i] = Rejected.of(submissions.get(i).event().eventId(), issues);
      } else if (firstValid.putIfAbsent(valid.get().eventId(), i) == null) {
        unique.add(valid.get());
      }
    }
    store(tenantId, unique, now, firstValid, results);
    for (int i = 0; i < results.length; i++) {
      if (results[i] == null) { // a repeat, within this batch, of an earlier item
        IngestionResult first = results[firstValid.get(submissions.get(i).event().eventId())];
        results[i] = asDuplicate(first);
      }
    }
    return List.of(results);
  }

  private void store(long tenantId, List<ValidEvent> unique, Instant now, Map<String, Integer> firstValid,
      IngestionResult[] results) {
    if (unique.isEmpty()) {
      return;
    }
    partitions.ensureFor(unique.stream().map(ValidEvent::occurredAt).toList());
    Map<String, Long> claimed = store.claimKeys(tenantId, unique, now);
    List<ValidEvent> accepted = unique.stream().filter(e -> claimed.containsKey(e.eventId())).toList();
    store.insert(tenantId, accepted, claimed, now);
    Map<String, EventStore.Key> earlier = store.keys(tenantId,
        unique.stream().map(ValidEvent::eventId).filter(id -> !claimed.containsKey(id)).toList());
    for (ValidEvent e : unique) {
      int index = firstValid.get(e.eventId());
      Long seq = claimed.get(e.eventId());
      if (seq != null) {
        results[index] = new Accepted(e.eventId(), seq, now);
      } else {
        EventStore.Key key = earlier.get(e.eventId());
        results[index] = new Duplicate(e.eventId(), key.seq(), key.receivedAt());
      }
    }
    for (ValidEvent e : accepted) {
      publisher.publishEvent(new EventAccepted(tenantId, claimed.get(e.eventId()), e.eventId(), e.customerId(),
          e.type(), e.occurredAt(), e.attributes(), e.channel(), e.campaign()));
    }
  }

  private static IngestionResult asDuplicate(IngestionResult first) {
    return switch (first) {
      case Accepted a -> new Duplicate(a.eventId(), a.seq(), a.receivedAt());
      case Duplicate d -> d;
      case Rejected r -> throw new IllegalStateException("a repeat follows a valid item, never a rejected one");
    };
  }
}
