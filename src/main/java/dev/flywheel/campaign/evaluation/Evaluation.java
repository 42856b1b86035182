package dev.flywheel.campaign.evaluation;

import dev.flywheel.campaign.ActiveCampaign;
import dev.flywheel.campaign.Campaigns;
import dev.flywheel.campaign.evaluation.DecisionStore.DecisionRow;
import dev.flywheel.campaign.evaluation.DecisionStore.SignalRow;
import dev.flywheel.customer.CustomerProfile;
import dev.flywheel.customer.Customers;
import dev.flywheel.event.EventAccepted;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Evaluates one transaction's batch of accepted events: per tenant, per customer (in id order,
 * under a per-customer advisory lock), each customer's events in {@code (occurred_at, seq)}
 * order, each event against the campaigns listening to its type in priority order
 * ({@link CampaignApplication}). Then writes decisions and signals in one batch each and adds tags
 * through the customer module. Must run inside the ingestion transaction.
 */
@Component
class Evaluation {
  private static final Comparator<EventAccepted> OCCURRENCE =
      Comparator.comparing(EventAccepted::occurredAt).thenComparingLong(EventAccepted::seq);
  private final Campaigns campaigns;
  private final Customers customers;
  private final Counters counters;
  private final CampaignApplication application;
  private final InvestmentClawbacks clawbacks;
  private final DecisionStore store;
  private final TenantZones zones;
  private final JdbcClient jdbc;
  private final Clock clock;

  Evaluation(Campaigns campaigns, Customers customers, Counters counters, CampaignApplication application,
      InvestmentClawbacks clawbacks, DecisionStore store, TenantZones zones, JdbcClient jdbc, Clock clock) {
    this.campaigns = campaigns;
    this.customers = customers;
    this.counters = counters;
    this.application = application;
    this.clawbacks = clawbacks;
    this.store = store;
    this.zones = zones;
    this.jdbc = jdbc;
    this.clock = clock;
  }

  void run(List<EventAccepted> batch) {
    batch.stream().collect(Collectors.groupingBy(EventAccepted::tenantId, LinkedHashMap::new, Collectors.toList()))
        .forEach(this::runForTenant);
  }

  private void runForTenant(long tenantId, List<EventAccepted> events) {
    ZoneId zone = zones.of(tenantId);
    Instant now = clock.instant();
    Map<String, List<EventAccepted>> byCustomer = new TreeMap<>();
    for (EventAccepted e : events) {
      byCustomer.computeIfAbsent(e.customerId(), k -> new ArrayList<>()).add(e);
    }
    byCustomer.values().removeIf(list -> list.stream().noneMatch(e -> InvestmentClawbacks.triggers(e)
        || !campaigns.listeningTo(tenantId, e.type()).isEmpty()));
    if (byCustomer.isEmpty()) {
      return;
    }
    byCustomer.values().forEach(list -> list.sort(OCCURRENCE));
    lockCustomers(tenantId, byCustomer.keySet());
    Map<String, CustomerProfile> before = customers.stateBeforePending(tenantId, byCustomer.keySet());
    List<DecisionRow> decisions = new ArrayList<>();
    List<SignalRow> signals = new ArrayList<>();
    Map<String, Set<String>> tags = new TreeMap<>();
    for (var entry : byCustomer.entrySet()) {
      String customerId = entry.getKey();
      CustomerState state = CustomerState.of(customerId, before.get(customerId));
      List<EventAccepted> listened = entry.getValue().stream()
          .filter(e -> !campaigns.listeningTo(tenantId, e.type()).isEmpty()).toList();
      Map<Long, Counters.Count> counts = counters.of(tenantId, customerId, listened, zone);
      for (EventAccepted e : entry.getValue()) {
        clawbacks.apply(e);
        List<ActiveCampaign> listening = campaigns.listeningTo(tenantId, e.type());
        if (!listening.isEmpty()) {
          var applied = application.apply(e, listening, state.facts(), counts.get(e.seq()), zone);
          int position = 0;
          for (Outcome o : applied.outcomes()) {
            decisions.add(new DecisionRow(tenantId, e.eventId(), customerId, e.type(), position++, o));
          }
          signals.addAll(applied.signals());
          if (!applied.tags().isEmpty()) {
            tags.computeIfAbsent(customerId, k -> new LinkedHashSet<>()).addAll(applied.tags());
            state.tagged(applied.tags());
          }
        }
        state.follow(e);
      }
    }
    store.insert(decisions, signals, now);
    if (!tags.isEmpty()) {
      customers.addTags(tenantId, tags);
    }
  }

  /**
   * Serialises evaluation per customer across transactions (counters must see the other
   * transaction's events); taken in one statement, in hash order so two batches cannot deadlock.
   */
  private void lockCustomers(long tenantId, Set<String> customerIds) {
    List<String> keys = customerIds.stream().map(id -> tenantId + "/" + id).toList();
    jdbc.sql("""
            select pg_advisory_xact_lock(5002, h)::text from (
              select distinct hashtext(k) as h from unnest(cast(array[:keys] as text[])) k order by h) s""")
        .param("keys", keys).query(String.class).list();
  }
}
