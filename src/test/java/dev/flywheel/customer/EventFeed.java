package dev.flywheel.customer;

import dev.flywheel.event.EventAccepted;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Delivers {@link EventAccepted} the way the event module does: published synchronously inside
 * one transaction per batch.
 */
final class EventFeed {
  private static final AtomicLong SEQ = new AtomicLong(1_000_000);
  private final ApplicationEventPublisher publisher;
  private final TransactionTemplate transactions;

  EventFeed(ApplicationEventPublisher publisher, TransactionTemplate transactions) {
    this.publisher = publisher;
    this.transactions = transactions;
  }

  /** Publishes the events in one transaction, in the given (arrival) order. */
  void deliver(List<EventAccepted> events) {
    transactions.executeWithoutResult(s -> events.forEach(publisher::publishEvent));
  }

  void deliver(EventAccepted... events) {
    deliver(List.of(events));
  }

  static Builder anEvent(long tenantId, String customerId, String type) {
    return new Builder(tenantId, customerId, type);
  }

  static final class Builder {
    private final long tenantId;
    private final String customerId;
    private final String type;
    private Instant at = Instant.now();
    private final Map<String, Object> attributes = new HashMap<>();
    private String channel;

    Builder(long tenantId, String customerId, String type) {
      this.tenantId = tenantId;
      this.customerId = customerId;
      this.type = type;
    }

    Builder at(Instant at) {
      this.at = at;
      return this;
    }

    Builder with(String name, Object value) {
      attributes.put(name, value);
      return this;
    }

    Builder channel(String channel) {
      this.channel = channel;
      return this;
    }

    EventAccepted build() {
      return new EventAccepted(tenantId, SEQ.incrementAndGet(), UUID.randomUUID().toString(), customerId,
          type, at, Map.copyOf(attributes), channel, null);
    }
  }
}
