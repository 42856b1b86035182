package dev.flywheel.campaign;

import dev.cel.runtime.CelFunctionBinding;
import dev.cel.runtime.CelLateFunctionBindings;
import dev.flywheel.platform.cel.CelValues;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Everything one rule evaluation may look at: the event, the customer and the customer's counters,
 * already turned into CEL variables (built once, shared by every rule of every campaign meeting
 * this event). Immutable, thread-safe.
 *
 * <p>Money: an event's {@code amount} attribute arrives as a decimal in yuan. Rules see it exactly
 * as {@code event.amount_fen} ({@code int}, fen) and, for display only, as {@code event.amount}
 * ({@code double}, yuan). Other money attributes in {@code event.attributes} are {@code double}
 * yuan; whole numbers there are {@code int}.
 */
public final class Activation {
  private final String eventType;
  private final Map<String, Object> variables;
  private final Map<String, Long> countsToday;
  private volatile CelLateFunctionBindings functions;
  // the same values, typed, for compiled rules (DirectExpression)
  private final Map<String, Object> event;
  private final Map<String, Object> customer;
  private final boolean firstToday;
  private final boolean firstEver;

  @SuppressWarnings("unchecked")
  private Activation(String eventType, Map<String, Object> variables, Map<String, Long> countsToday) {
    this.eventType = eventType;
    this.variables = variables;
    this.countsToday = countsToday;
    this.event = (Map<String, Object>) variables.get("event");
    this.customer = (Map<String, Object>) variables.get("customer");
    this.firstToday = (Boolean) variables.get("is_first_today");
    this.firstEver = (Boolean) variables.get("is_first_ever");
  }

  public String eventType() {
    return eventType;
  }

  Map<String, Object> variables() {
    return variables;
  }

  /** The late-bound functions ({@code count_today}) the rules of this event call. */
  CelLateFunctionBindings functions() {
    // built once per event, not once per rule (building them dominated an interpreted rule's
    // cost), and only when the interpreter runs: rules in their direct form need none
    CelLateFunctionBindings built = functions;
    if (built == null) {
      built = CelLateFunctionBindings.from(
          CelFunctionBinding.from(RuleLanguage.COUNT_TODAY, String.class, this::countToday));
      functions = built;
    }
    return built;
  }

  Map<String, Object> event() {
    return event;
  }

  Map<String, Object> customer() {
    return customer;
  }

  boolean firstToday() {
    return firstToday;
  }

  boolean firstEver() {
    return firstEver;
  }

  long countToday(String type) {
    return countsToday.getOrDefault(type, 0L);
  }

  public static Builder builder(String eventType) {
    return new Builder(eventType);
  }

  /** The customer as rules see it; missing strings are {@code ""}, missing times the epoch. */
  public record CustomerFacts(String id, List<String> tags, String loanStage, String lifecycleStage,
      String acquisitionChannel, String invitedBy, Instant registeredAt, Map<String, Object> attributes) {
    public static CustomerFacts of(String id) {
      return new CustomerFacts(id, List.of(), "", "", "", "", null, Map.of());
    }
  }

  /** Not thread-safe; one per event. */
  public static final class Builder {
    private final String eventType;
    private String eventId = "";
    private Instant occurredAt = Instant.EPOCH;
    private String channel = "";
    private BigDecimal amount;
    private final Map<String, Object> attributes = new LinkedHashMap<>();
    private CustomerFacts customer = CustomerFacts.of("");
    private final Map<String, Long> countsToday = new HashMap<>();
    private boolean firstToday;
    private boolean firstEver;

    private Builder(String eventType) {
      this.eventType = eventType;
    }

    public Builder eventId(String id) {
      this.eventId = id;
      return this;
    }

    public Builder occurredAt(Instant at) {
      this.occurredAt = at;
      return this;
    }

    public Builder channel(String c) {
      this.channel = c == null ? "" : c;
      return this;
    }

    /** The {@code amount} attribute in yuan (at most two decimals). */
    public Builder amount(BigDecimal yuan) {
      this.amount = yuan;
      attributes.put("amount", yuan);
      return this;
    }

    public Builder amount(String yuan) {
      return amount(new BigDecimal(yuan));
    }

    public Builder attribute(String name, Object value) {
      if ("amount".equals(name) && value instanceof BigDecimal d) {
        return amount(d);
      }
      attributes.put(name, value);
      return this;
    }

    public Builder customer(CustomerFacts facts) {
      this.customer = facts;
      return this;
    }

    /** Events of {@code type} by this customer today, the current one included. */
    public Builder countToday(String type, long n) {
      countsToday.put(type, n);
      return this;
    }

    public Builder firstToday(boolean first) {
      this.firstToday = first;
      return this;
    }

    public Builder firstEver(boolean first) {
      this.firstEver = first;
      return this;
    }

    public Activation build() {
      Map<String, Object> event = new HashMap<>();
      event.put("type", eventType);
      event.put("id", eventId);
      event.put("occurred_at", occurredAt);
      event.put("channel", channel);
      event.put("attributes", CelValues.normalize(attributes));
      long fen = amount == null ? 0 : amount.movePointRight(2).setScale(0, java.math.RoundingMode.DOWN).longValueExact();
      event.put("amount_fen", fen);
      event.put("amount", amount == null ? 0.0 : amount.doubleValue());
      Map<String, Object> c = new HashMap<>();
      c.put("id", orEmpty(customer.id()));
      c.put("tags", customer.tags() == null ? List.of() : customer.tags());
      c.put("loan_stage", orEmpty(customer.loanStage()));
      c.put("lifecycle_stage", orEmpty(customer.lifecycleStage()));
      c.put("acquisition_channel", orEmpty(customer.acquisitionChannel()));
      c.put("invited_by", orEmpty(customer.invitedBy()));
      c.put("registered_at", customer.registeredAt() == null ? Instant.EPOCH : customer.registeredAt());
      c.put("attributes", CelValues.normalize(customer.attributes() == null ? Map.of() : customer.attributes()));
      Map<String, Object> v = new HashMap<>();
      v.put("event", event);
      v.put("customer", c);
      v.put("is_first_today", firstToday);
      v.put("is_first_ever", firstEver);
      return new Activation(eventType, Map.copyOf(v), Map.copyOf(countsToday));
    }

    private static String orEmpty(String s) {
      return s == null ? "" : s;
    }

  }
}
