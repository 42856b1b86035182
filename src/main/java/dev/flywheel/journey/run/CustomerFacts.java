package dev.flywheel.journey.run;

import dev.flywheel.customer.CustomerProfile;
import dev.flywheel.customer.Customers;
import dev.flywheel.platform.cel.CelValues;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Component;

/** The {@code customer} variable of journey conditions, from the customer module's profile. */
@Component
class CustomerFacts {
  private final Customers customers;

  CustomerFacts(Customers customers) {
    this.customers = customers;
  }

  /** The customer as stored now (a step's transaction). */
  Map<String, Object> of(long tenantId, String customerId) {
    return facts(customerId, customers.find(tenantId, customerId).orElse(null));
  }

  /**
   * Inside an ingestion transaction: the customer as of just before the events being ingested,
   * without flushing the customer module's buffer (what campaign rules see as {@code customer}).
   */
  Map<String, Object> beforeIngestion(long tenantId, String customerId) {
    return facts(customerId, customers.stateBeforePending(tenantId, List.of(customerId)).get(customerId));
  }

  private static Map<String, Object> facts(String customerId, CustomerProfile profile) {
    Map<String, Object> facts = new HashMap<>();
    facts.put("id", customerId);
    facts.put("tags", List.of());
    facts.put("attributes", Map.of());
    if (profile != null) {
      fill(facts, profile);
    }
    return facts;
  }

  private static void fill(Map<String, Object> facts, CustomerProfile c) {
    facts.put("tags", c.tags());
    facts.put("attributes", CelValues.normalize(c.attributes() == null ? Map.of() : c.attributes()));
    put(facts, "acquisition_channel", c.acquisitionChannel());
    put(facts, "registered_platform", c.registeredPlatform());
    if (c.lifecycle() != null) {
      put(facts, "lifecycle_stage", c.lifecycle().stage().name());
    }
    if (c.loan() != null) {
      put(facts, "loan_stage", c.loan().stage().name());
      put(facts, "application_step", c.loan().applicationStep());
      facts.put("h5_only", c.loan().h5Only());
      put(facts, "funder", c.loan().funder());
      if (c.loan().overdueDays() != null) {
        facts.put("overdue_days", c.loan().overdueDays().longValue());
      }
    }
  }

  private static void put(Map<String, Object> facts, String key, Object value) {
    if (value != null) {
      facts.put(key, value);
    }
  }

  /** The {@code event} variable from an event's parts. */
  static Map<String, Object> event(String type, String id, java.time.Instant at, String channel,
      Map<String, Object> attributes) {
    Map<String, Object> event = new HashMap<>();
    event.put("type", type);
    put(event, "id", id);
    put(event, "occurred_at", at == null ? null : at.toString());
    put(event, "channel", channel);
    event.put("attributes", attributes == null ? Map.of() : attributes);
    return event;
  }
}
