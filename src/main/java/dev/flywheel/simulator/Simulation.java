package dev.flywheel.simulator;

import dev.flywheel.customer.Customers;
import dev.flywheel.event.EventIngestion;
import dev.flywheel.event.IncomingEvent;
import dev.flywheel.event.IngestionResult;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;

/**
 * Runs a {@link SimulationPlan} into a tenant: profiles through the customer module, events
 * through {@link EventIngestion} — the code path of the HTTP API — in batches of up to 1,000.
 * Idempotent: running the same plan twice stores nothing new (event ids are deterministic).
 */
@Service
public class Simulation {
  private static final Logger log = LoggerFactory.getLogger(Simulation.class);
  private static final int CUSTOMERS_PER_CHUNK = 500;
  private final EventIngestion ingestion;
  private final Customers customers;

  Simulation(EventIngestion ingestion, Customers customers) {
    this.ingestion = ingestion;
    this.customers = customers;
  }

  public SimulationReport run(long tenantId, SimulationPlan plan) {
    long started = System.nanoTime();
    HistoryGenerator generator = new HistoryGenerator(plan.seed(), plan.start(), plan.end(), plan.idPrefix());
    Tally tally = new Tally();
    for (int from = 0; from < plan.customers(); from += CUSTOMERS_PER_CHUNK) {
      List<SimulatedCustomer> chunk = new ArrayList<>();
      for (int i = from; i < Math.min(plan.customers(), from + CUSTOMERS_PER_CHUNK); i++) {
        chunk.add(generator.customer(i));
      }
      chunk.forEach(c -> customers.saveProfile(tenantId, c.id(), profile(c)));
      ingest(tenantId, chunk, tally);
      if ((from / CUSTOMERS_PER_CHUNK) % 20 == 19) {
        log.info("simulated {} of {} customers, {} events", from + chunk.size(), plan.customers(), tally.events);
      }
    }
    return new SimulationReport(plan.customers(), tally.events, tally.accepted, tally.duplicates, tally.rejected,
        Duration.ofNanos(System.nanoTime() - started));
  }

  private void ingest(long tenantId, List<SimulatedCustomer> chunk, Tally tally) {
    List<IncomingEvent> events = chunk.stream().flatMap(c -> c.events().stream())
        .sorted(Comparator.comparing(SimulatedEvent::occurredAt))
        .map(e -> new IncomingEvent(e.eventId(), e.customerId(), e.type(), e.occurredAt(), e.attributes(),
            e.channel(), e.campaign()))
        .toList();
    int batch = ingestion.maxBatchSize();
    for (int i = 0; i < events.size(); i += batch) {
      for (IngestionResult result : ingestion.ingestBatch(tenantId, events.subList(i, Math.min(events.size(), i + batch)))) {
        tally.count(result);
      }
    }
  }

  static Map<String, Object> profile(SimulatedCustomer c) {
    Map<String, Object> p = new LinkedHashMap<>();
    p.put("name", c.name());
    p.put("phone", c.phone());
    // a reserved domain (RFC 2606): demo mail never reaches a real person
    p.put("email", c.id().toLowerCase(java.util.Locale.ROOT).replaceAll("[^a-z0-9._-]", "-") + "@example.com");
    p.put("city", c.city());
    p.put("birthday", c.birthday().toString());
    p.put("risk_level", c.riskLevel());
    p.put("asset_tier", c.assetTier());
    p.put("tags", c.tags());
    p.put("acquisition_channel", c.acquisitionChannel());
    p.put("acquired_at", c.acquiredAt().toString());
    return p;
  }

  private static final class Tally {
    long events;
    long accepted;
    long duplicates;
    long rejected;

    void count(IngestionResult result) {
      events++;
      switch (result) {
        case IngestionResult.Accepted a -> accepted++;
        case IngestionResult.Duplicate d -> duplicates++;
        case IngestionResult.Rejected r -> {
          if (rejected++ < 5) {
            log.warn("simulated event {} rejected: {} {}", r.eventId(), r.code(), r.errors());
          }
        }
      }
    }
  }

}
