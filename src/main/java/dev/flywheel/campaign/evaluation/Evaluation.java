package dev.flywheel.campaign.evaluation;

import dev.flywheel.campaign.ActiveCampaign;
import dev.flywheel.campaign.Campaigns;
import dev.flywheel.campaign.evaluation.DecisionStore.DecisionRow;
import dev.flywheel.campaign.evaluation.DecisionStore.SignalRow;
import dev.flywheel.customer.CustomerProfile;
import dev.flywheel.customer.Customers;
import dev.flywheel.event.EventAccepted;
import dev.flywheel.ledger.Ledger;
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
  private final Ledger ledger;
  private final EvaluationProperties properties;

  Evaluation(Campaigns campaigns, Customers customers, Counters counters, CampaignApplication application,
      InvestmentClawbacks clawbacks, DecisionStore store, TenantZones zones, JdbcClient jdbc, Clock clock,
      Ledger ledger, EvaluationProperties properties) {
    this.ledger = ledger;
    this.properties = properties;
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

  /**
   * Evaluates the batch with its grants collected into one {@link dev.flywheel.ledger.Ledger#grantAll}
   * per tenant (one budget claim per campaign and asset). That assumes every budget pays: a refused
   * grant changes what the campaign decided (cap slot given back, {@code BUDGET_EXHAUSTED}, the
   * next exclusive campaign may apply), so when a budget refuses any grant of the batch, the
   * evaluation is rolled back to a savepoint and run again grant by grant ({@code Ledger.grant}),
   * which decides exactly as before. Budgets run short rarely; a batch pays the savepoint (two
   * short statements) otherwise.
   */
  void run(List<EventAccepted> batch) {
    Map<Long, List<EventAccepted>> byTenant = batch.stream()
        .collect(Collectors.groupingBy(EventAccepted::tenantId, LinkedHashMap::new, Collectors.toList()));
    if (!properties.batchGrants()) {
      byTenant.forEach((tenant, events) -> runForTenant(tenant, events, null));
      return;
    }
    Ledger.Savepoint savepoint = ledger.savepoint(); // also forgets, on rollback, the budget locks taken since
    boolean paid = true;
    for (var entry : byTenant.entrySet()) {
      if (!runForTenant(entry.getKey(), entry.getValue(), new CampaignApplication.Deferred())) {
        paid = false;
        break;
      }
    }
    if (paid) {
      savepoint.release();
      return;
    }
    savepoint.rollBack();
    byTenant.forEach((tenant, events) -> runForTenant(tenant, events, null));
  }

  /** @return false when {@code deferred} grants were refused (nothing written after that point counts) */
  private boolean runForTenant(long tenantId, List<EventAccepted> events, CampaignApplication.Deferred deferred) {
    ZoneId zone = zones.of(tenantId);
    Instant now = clock.instant();
    Map<String, List<EventAccepted>> byCustomer = new TreeMap<>();
    for (EventAccepted e : events) {
      byCustomer.computeIfAbsent(e.customerId(), k -> new ArrayList<>()).add(e);
    }
    byCustomer.values().removeIf(list -> list.stream().noneMatch(e -> InvestmentClawbacks.triggers(e)
        || !campaigns.listeningTo(tenantId, e.type()).isEmpty()));
    if (byCustomer.isEmpty()) {
      return true;
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
      // only events whose listening rules read counters (count_today, is_first_…) need the history read
      List<EventAccepted> listened = entry.getValue().stream()
          .filter(e -> counters.needed(campaigns.listeningTo(tenantId, e.type()), e.type())).toList();
      Map<Long, Counters.Count> counts = counters.of(tenantId, customerId, listened, zone);
      for (EventAccepted e : entry.getValue()) {
        clawbacks.apply(e);
        List<ActiveCampaign> listening = campaigns.listeningTo(tenantId, e.type());
        if (!listening.isEmpty()) {
          var applied = application.apply(e, listening, state.facts(), counts.get(e.seq()), zone, deferred);
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
    if (deferred != null && !deferred.flush(ledger)) {
      return false;
    }
    store.insert(decisions, signals, now);
    if (!tags.isEmpty()) {
      customers.addTags(tenantId, tags);
    }
    return true;
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
