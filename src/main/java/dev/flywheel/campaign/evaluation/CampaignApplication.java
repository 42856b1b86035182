package dev.flywheel.campaign.evaluation;

import dev.flywheel.campaign.Activation;
import dev.flywheel.campaign.ActiveCampaign;
import dev.flywheel.campaign.ComputedEffect;
import dev.flywheel.campaign.Decision;
import dev.flywheel.campaign.RuleProgram;
import dev.flywheel.campaign.Window;
import dev.flywheel.campaign.evaluation.DecisionStore.SignalRow;
import dev.flywheel.campaign.evaluation.Outcome.Reason;
import dev.flywheel.customer.Segments;
import dev.flywheel.event.EventAccepted;
import dev.flywheel.ledger.Asset;
import dev.flywheel.ledger.Grant;
import dev.flywheel.ledger.GrantOutcome;
import dev.flywheel.ledger.GrantRequest;
import dev.flywheel.ledger.Ledger;
import dev.flywheel.platform.web.Problem;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.stereotype.Component;

/**
 * One event against the campaigns listening to it, highest priority first. For each campaign, in
 * this order: window (warm-up never grants) → audience → rules → stacking → caps → grants.
 *
 * <p>Stacking: once an exclusive campaign has applied to the event, every lower-priority
 * exclusive campaign is {@code EXCLUDED}; non-exclusive campaigns stack with anything. An
 * exclusive campaign that was stopped by its cap or budget did not apply, so the next exclusive
 * one may. Grants go through {@link Ledger#grant} with the key (campaign, rule, source event) —
 * the second and later grant effects of one rule use {@code rule#2}, {@code rule#3}… — so each is
 * exactly once. A campaign whose every grant the budget refused gives its cap slot back.
 */
@Component
class CampaignApplication {
  private final Ledger ledger;
  private final Segments segments;
  private final CapSlots caps;

  CampaignApplication(Ledger ledger, Segments segments, CapSlots caps) {
    this.ledger = ledger;
    this.segments = segments;
    this.caps = caps;
  }

  /** What one event did across its campaigns. */
  record Applied(List<Outcome> outcomes, List<SignalRow> signals, Set<String> tags) {}

  /**
   * Grants collected over a whole batch for one {@link Ledger#grantAll}, on the assumption that
   * the budgets pay them all: each grant's JSON is a placeholder filled in by {@link #flush}.
   * Coupon grants are not deferred (they take {@link Ledger#grant} at once).
   */
  static final class Deferred {
    private final List<GrantRequest> requests = new ArrayList<>();
    private final List<ActiveCampaign> campaigns = new ArrayList<>();
    private final List<Map<String, Object>> placeholders = new ArrayList<>();

    /**
     * Grants everything collected in one call.
     *
     * @return false when a budget refused any of them: the assumption failed, the caller must undo
     *     this evaluation (savepoint) and evaluate again grant by grant
     */
    boolean flush(Ledger ledger) {
      if (requests.isEmpty()) {
        return true;
      }
      List<GrantOutcome> outcomes = ledger.grantAll(requests);
      for (int i = 0; i < outcomes.size(); i++) {
        switch (outcomes.get(i)) {
          case GrantOutcome.Granted(Grant g) -> placeholders.get(i).putAll(grantJson(campaigns.get(i), g));
          case GrantOutcome.AlreadyGranted(Grant g) -> placeholders.get(i).putAll(grantJson(campaigns.get(i), g));
          case GrantOutcome.BudgetExhausted b -> {
            return false;
          }
        }
      }
      requests.clear();
      campaigns.clear();
      placeholders.clear();
      return true;
    }

    int size() {
      return requests.size();
    }
  }

  Applied apply(EventAccepted e, List<ActiveCampaign> listening, Activation.CustomerFacts customer,
      Counters.Count count, ZoneId zone) {
    return apply(e, listening, customer, count, zone, null);
  }

  /** @param deferred where to collect non-coupon grants for one {@link Ledger#grantAll}; null: grant at once */
  Applied apply(EventAccepted e, List<ActiveCampaign> listening, Activation.CustomerFacts customer,
      Counters.Count count, ZoneId zone, Deferred deferred) {
    Activation activation = activation(e, customer, count);
    List<Outcome> outcomes = new ArrayList<>();
    List<SignalRow> signals = new ArrayList<>();
    Set<String> tags = new LinkedHashSet<>();
    ActiveCampaign exclusiveWinner = null;
    for (ActiveCampaign c : listening) {
      Outcome outcome = decide(e, c, activation, exclusiveWinner, zone, signals, tags, deferred);
      if (outcome.applied() && c.exclusive() && exclusiveWinner == null) {
        exclusiveWinner = c;
      }
      outcomes.add(outcome);
    }
    return new Applied(outcomes, signals, tags);
  }

  private Outcome decide(EventAccepted e, ActiveCampaign c, Activation activation, ActiveCampaign exclusiveWinner,
      ZoneId zone, List<SignalRow> signals, Set<String> tags, Deferred deferred) {
    Window w = c.window();
    if (w.startsAt() == null || e.occurredAt().isBefore(w.startsAt()) || (w.endsAt() != null
        && !e.occurredAt().isBefore(w.endsAt()))) {
      return Outcome.no(c.campaignId(), c.version(), c.name(), Reason.OUTSIDE_WINDOW, "occurred at " + e.occurredAt()
          + ", window " + w.startsAt() + " – " + w.endsAt() + (w.warmUpStartsAt() != null
          && !e.occurredAt().isBefore(w.warmUpStartsAt()) && e.occurredAt().isBefore(w.startsAt())
          ? " (warm-up: promotion only)" : ""), List.of());
    }
    if (c.segmentId() != null && !inAudience(e, c.segmentId())) {
      return Outcome.no(c.campaignId(), c.version(), c.name(), Reason.NOT_IN_AUDIENCE,
          "not in segment " + c.segmentId(), List.of());
    }
    List<Map<String, Object>> rules = new ArrayList<>();
    List<Decision.Applies> applies = new ArrayList<>();
    Decision.DoesNotApply firstNo = null;
    for (RuleProgram rule : c.rulesFor(e.type())) {
      Decision d = rule.evaluate(activation);
      rules.add(ruleJson(d));
      switch (d) {
        case Decision.Applies a -> applies.add(a);
        case Decision.DoesNotApply no -> firstNo = firstNo == null ? no : firstNo;
      }
    }
    if (applies.isEmpty()) {
      Reason reason = switch (firstNo.why()) {
        case CONDITION_FALSE, OTHER_EVENT_TYPE -> Reason.CONDITION_FALSE;
        case EVALUATION_ERROR -> Reason.EVALUATION_ERROR;
        case NOTHING_TO_GRANT -> Reason.NOTHING_TO_GRANT;
      };
      return Outcome.no(c.campaignId(), c.version(), c.name(), reason, "rule " + firstNo.ruleId() + ": "
          + firstNo.detail(), rules);
    }
    if (c.exclusive() && exclusiveWinner != null) {
      return Outcome.no(c.campaignId(), c.version(), c.name(), Reason.EXCLUDED, "excluded by exclusive campaign "
          + exclusiveWinner.campaignId() + " (" + exclusiveWinner.name() + ", priority " + exclusiveWinner.priority()
          + ")", rules);
    }
    CapSlots.Taken slot = caps.take(e.tenantId(), c, e.customerId(), e.occurredAt(), zone);
    if (!slot.granted()) {
      return Outcome.no(c.campaignId(), c.version(), c.name(), Reason.CAP_REACHED, slot.refusal(), rules);
    }
    return effects(e, c, applies, slot, rules, signals, tags, deferred);
  }

  private Outcome effects(EventAccepted e, ActiveCampaign c, List<Decision.Applies> applies, CapSlots.Taken slot,
      List<Map<String, Object>> rules, List<SignalRow> signals, Set<String> tags, Deferred deferred) {
    List<Map<String, Object>> grants = new ArrayList<>();
    List<String> added = new ArrayList<>();
    List<Map<String, Object>> sent = new ArrayList<>();
    List<String> refused = new ArrayList<>();
    int attempted = 0;
    for (Decision.Applies a : applies) {
      int n = 0;
      for (ComputedEffect effect : a.effects()) {
        switch (effect) {
          case ComputedEffect.Grant g -> {
            attempted++;
            String key = n++ == 0 ? a.ruleId() : a.ruleId() + "#" + n;
            String refusal = grant(e, c, key, g, grants, deferred);
            if (refusal != null) {
              refused.add(refusal);
            }
          }
          case ComputedEffect.AddTag t -> {
            added.add(t.tag());
            tags.add(t.tag());
          }
          case ComputedEffect.Signal s -> {
            Map<String, Object> payload = Plain.map(s.payload());
            signals.add(new SignalRow(e.tenantId(), c.campaignId(), a.ruleId(), e.customerId(), s.name(), payload,
                e.eventId()));
            Map<String, Object> json = new LinkedHashMap<>();
            json.put("campaign_id", c.campaignId());
            json.put("rule", a.ruleId());
            json.put("name", s.name());
            json.put("payload", payload);
            sent.add(json);
          }
        }
      }
    }
    if (attempted > 0 && refused.size() == attempted && added.isEmpty() && sent.isEmpty()) {
      caps.giveBack(e.tenantId(), c.campaignId(), e.customerId(), slot.periods());
      return Outcome.no(c.campaignId(), c.version(), c.name(), Reason.BUDGET_EXHAUSTED, String.join("; ", refused),
          rules);
    }
    Map<String, Object> effects = new LinkedHashMap<>();
    effects.put("grants", grants);
    effects.put("tags", added);
    effects.put("signals", sent);
    return new Outcome(c.campaignId(), c.version(), c.name(), true, Reason.APPLIED,
        refused.isEmpty() ? null : "partly refused: " + String.join("; ", refused), rules, effects);
  }

  /** @return null when granted (or granted before), else why not */
  private String grant(EventAccepted e, ActiveCampaign c, String ruleKey, ComputedEffect.Grant g,
      List<Map<String, Object>> grants, Deferred deferred) {
    String recipient = g.recipient() == null ? e.customerId() : g.recipient();
    Asset asset = Asset.valueOf(g.asset().name());
    GrantRequest request;
    try {
      request = asset == Asset.COUPON
          ? GrantRequest.coupons(e.tenantId(), c.campaignId(), ruleKey, e.eventId(), recipient,
              Long.parseLong(g.couponTemplate().strip()), (int) Math.min(g.amount(), GrantRequest.MAX_COUPONS_PER_GRANT))
          : GrantRequest.of(e.tenantId(), c.campaignId(), ruleKey, e.eventId(), recipient, asset, g.amount());
      if (g.pendingDays() > 0 && asset != Asset.COUPON) {
        request = request.pendingUntil(e.occurredAt().plus(Duration.ofDays(g.pendingDays())));
      }
    } catch (IllegalArgumentException bad) {
      return ruleKey + ": " + bad.getMessage();
    }
    if (deferred != null && asset != Asset.COUPON) {
      Map<String, Object> placeholder = new LinkedHashMap<>();
      grants.add(placeholder);
      deferred.requests.add(request);
      deferred.campaigns.add(c);
      deferred.placeholders.add(placeholder);
      return null;
    }
    GrantOutcome outcome;
    try {
      outcome = ledger.grant(request);
    } catch (IllegalArgumentException unknownTemplate) {
      return ruleKey + ": " + unknownTemplate.getMessage();
    }
    return switch (outcome) {
      case GrantOutcome.Granted(Grant granted) -> {
        grants.add(grantJson(c, granted));
        yield null;
      }
      case GrantOutcome.AlreadyGranted(Grant granted) -> {
        grants.add(grantJson(c, granted));
        yield null;
      }
      case GrantOutcome.BudgetExhausted b -> ruleKey + ": " + b.asset() + " budget exhausted (" + b.remaining()
          + " left, " + g.amount() + " asked)";
    };
  }

  private boolean inAudience(EventAccepted e, long segmentId) {
    try {
      return segments.contains(e.tenantId(), segmentId, e.customerId());
    } catch (Problem gone) {
      return false;
    }
  }

  private static Map<String, Object> grantJson(ActiveCampaign c, Grant g) {
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("grant_id", g.id());
    json.put("campaign_id", c.campaignId());
    json.put("campaign", c.name());
    json.put("rule", g.ruleId());
    json.put("customer_id", g.customerId());
    json.put("asset", g.asset().name());
    json.put("amount", g.amount());
    json.put("available_at", g.availableAt() == null ? null : g.availableAt().toString());
    json.put("coupon_codes", g.couponCodes());
    return json;
  }

  private static Map<String, Object> ruleJson(Decision d) {
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("rule", d.ruleId());
    json.put("applies", d instanceof Decision.Applies);
    if (d instanceof Decision.DoesNotApply no) {
      json.put("why", no.why().name());
      json.put("condition", no.condition());
      json.put("detail", no.detail());
    }
    return json;
  }

  private static Activation activation(EventAccepted e, Activation.CustomerFacts customer, Counters.Count count) {
    Activation.Builder b = Activation.builder(e.type()).eventId(e.eventId()).occurredAt(e.occurredAt())
        .channel(e.channel()).customer(customer);
    e.attributes().forEach((name, value) -> {
      if ("amount".equals(name) && value instanceof Number n && !(value instanceof BigDecimal)) {
        b.amount(new BigDecimal(n.toString()));
      } else {
        b.attribute(name, value);
      }
    });
    if (count != null) {
      count.today().forEach(b::countToday);
      b.firstToday(count.firstToday()).firstEver(count.firstEver());
    }
    return b.build();
  }
}
