package dev.flywheel.campaign;

import dev.flywheel.customer.CustomerProfile;
import dev.flywheel.customer.Customers;
import dev.flywheel.customer.Segments;
import dev.flywheel.event.EventHistory;
import dev.flywheel.event.StoredEvent;
import dev.flywheel.ledger.GrantRequest;
import dev.flywheel.platform.web.FieldIssue;
import dev.flywheel.platform.web.Problem;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springframework.stereotype.Component;

/**
 * Runs a plan over a past window of stored events in memory (see {@link DryRunReport} for the
 * semantics). Shares with live evaluation the compiled rules ({@link RuleCompiler},
 * {@link RuleProgram#evaluate}), the CEL variables ({@link Activation}), the order of checks
 * (audience → rules → stacking → caps → grants), the counters' and caps' definitions and the
 * grant keys (a rule's second grant is {@code rule#2}, …; coupons at most
 * {@link GrantRequest#MAX_COUPONS_PER_GRANT} per grant). Duplicated, small, because the live code
 * is package-private in {@code evaluation} and writes as it goes: {@link #activation} (as
 * {@code CampaignApplication.activation}), {@link #facts} (as {@code CustomerState.of}) and
 * {@link CustomerReplay}'s counters and cap keys. Reads the event store once, streaming; writes
 * nothing. Thread-safe (state lives in one call).
 */
@Component
class CampaignDryRun {
  static final int MAX_DAYS = 366;
  static final int FETCH_SIZE = 500;
  /** {@code count_today("type")}: the types a plan counts, besides its triggers. */
  private static final Pattern COUNT_TODAY = Pattern.compile("count_today\\s*\\(\\s*(\"([^\"\\\\]*)\"|'([^'\\\\]*)')?");
  private final RuleCompiler compiler;
  private final EventHistory history;
  private final Customers customers;
  private final Segments segments;
  private final CampaignFigures figures;
  private final Clock clock;

  CampaignDryRun(RuleCompiler compiler, EventHistory history, Customers customers, Segments segments,
      CampaignFigures figures, Clock clock) {
    this.compiler = compiler;
    this.history = history;
    this.customers = customers;
    this.segments = segments;
    this.figures = figures;
    this.clock = clock;
  }

  DryRunReport run(long tenantId, Campaign campaign, Instant from, Instant to) {
    checkWindow(from, to);
    CampaignPlan plan = campaign.plan();
    if (!(compiler.compile(plan.rules(), type -> true) instanceof RuleCompiler.Result.Compiled compiled)) {
      throw Problem.conflict("invalid-rule", "version " + campaign.latestVersion() + " does not compile");
    }
    List<RuleProgram> rules = compiled.programs();
    ZoneId zone = figures.zone(tenantId);
    Set<String> triggers = new HashSet<>();
    rules.forEach(r -> triggers.add(r.trigger()));
    Set<String> read = counted(plan);
    if (read != null) {
      read.addAll(triggers);
    }
    // the whole first day is read so count_today / is_first_today see what happened before `from`
    Instant readFrom = LocalDate.ofInstant(from, zone).atStartOfDay(zone).toInstant();
    Map<String, Set<String>> before = history.typesBefore(tenantId, triggers, readFrom, to);
    Set<String> excluded = plan.exclusive() ? figures.exclusiveWins(tenantId, campaign.id(), plan.priority(), from)
        : Set.of();
    DryRunTally tally = new DryRunTally(zone);
    Map<String, CustomerReplay> replays = new HashMap<>();
    history.forEachInRange(tenantId, read, readFrom, to, FETCH_SIZE, e -> {
      CustomerReplay customer = replays.computeIfAbsent(e.customerId(),
          id -> new CustomerReplay(facts(tenantId, id), before.getOrDefault(id, Set.of())));
      CustomerReplay.Count count = customer.count(e.type(), e.occurredAt(), zone);
      if (e.occurredAt().isBefore(from)) {
        return;
      }
      tally.scanned();
      if (triggers.contains(e.type())) {
        tally.outcome(decide(tenantId, plan, rules, e, customer, count, excluded.contains(e.eventId()), zone, tally));
      }
    });
    return tally.report(campaign.id(), campaign.latestVersion(), from, to, plan.budget());
  }

  /** One event, as {@code CampaignApplication.decide} (the window is the dry run's): the outcome's reason. */
  private String decide(long tenantId, CampaignPlan plan, List<RuleProgram> rules, StoredEvent e,
      CustomerReplay customer, CustomerReplay.Count count, boolean excluded, ZoneId zone, DryRunTally tally) {
    if (plan.segmentId() != null && !inAudience(tenantId, plan.segmentId(), e.customerId(), customer)) {
      return "NOT_IN_AUDIENCE";
    }
    Activation activation = activation(e, customer.facts(), count);
    List<Decision.Applies> applies = new ArrayList<>();
    Decision.DoesNotApply firstNo = null;
    for (RuleProgram rule : rules) {
      if (rule.trigger().equals(e.type())) {
        switch (rule.evaluate(activation)) {
          case Decision.Applies a -> applies.add(a);
          case Decision.DoesNotApply no -> firstNo = firstNo == null ? no : firstNo;
        }
      }
    }
    if (applies.isEmpty()) {
      return switch (firstNo.why()) {
        case CONDITION_FALSE, OTHER_EVENT_TYPE -> "CONDITION_FALSE";
        case EVALUATION_ERROR -> "EVALUATION_ERROR";
        case NOTHING_TO_GRANT -> "NOTHING_TO_GRANT";
      };
    }
    if (excluded) {
      return "EXCLUDED";
    }
    if (customer.takeCap(plan.caps(), e.occurredAt(), zone) != null) {
      return "CAP_REACHED";
    }
    for (Decision.Applies a : applies) {
      for (ComputedEffect effect : a.effects()) {
        switch (effect) {
          case ComputedEffect.Grant g -> tally.grant(e.occurredAt(), g.recipient() == null ? e.customerId()
              : g.recipient(), g.asset(), g.asset() == Asset.COUPON
              ? Math.min(g.amount(), GrantRequest.MAX_COUPONS_PER_GRANT) : g.amount());
          case ComputedEffect.AddTag t -> customer.tagged(t.tag());
          case ComputedEffect.Signal s -> { }
        }
      }
    }
    return "APPLIED";
  }

  private boolean inAudience(long tenantId, long segmentId, String customerId, CustomerReplay customer) {
    if (customer.inAudience() == null) {
      boolean member;
      try {
        member = segments.contains(tenantId, segmentId, customerId);
      } catch (Problem gone) {
        member = false;
      }
      customer.inAudience(member);
    }
    return customer.inAudience();
  }

  private void checkWindow(Instant from, Instant to) {
    String problem = from == null || to == null ? "from and to are required"
        : !to.isAfter(from) ? "to must be after from"
        : to.isAfter(clock.instant()) ? "a dry run looks back: to must not be in the future"
        : Duration.between(from, to).compareTo(Duration.ofDays(MAX_DAYS)) > 0 ? "at most " + MAX_DAYS + " days"
        : null;
    if (problem != null) {
      throw Problem.invalid("invalid-window", problem, List.of(new FieldIssue(from == null ? "from" : "to",
          "invalid-window", problem)));
    }
  }

  /**
   * The event types the plan's expressions count with {@code count_today("…")}, or null when one
   * names its type by an expression (then every type is read).
   */
  static Set<String> counted(CampaignPlan plan) {
    Set<String> types = new HashSet<>();
    for (RuleDefinition rule : plan.rules()) {
      List<String> texts = new ArrayList<>();
      texts.add(rule.condition());
      for (EffectDefinition effect : rule.effects()) {
        switch (effect) {
          case EffectDefinition.Grant g -> {
            texts.add(g.amount());
            texts.add(g.pendingDays());
            texts.add(g.recipient());
          }
          case EffectDefinition.Signal s -> texts.addAll(s.payload() == null ? List.of() : s.payload().values());
          case EffectDefinition.AddTag t -> { }
        }
      }
      for (String text : texts) {
        Matcher m = COUNT_TODAY.matcher(text == null ? "" : text);
        while (m.find()) {
          if (m.group(1) == null) {
            return null;
          }
          types.add(m.group(2) != null ? m.group(2) : m.group(3));
        }
      }
    }
    return types;
  }

  /** The customer as rules see it, today (as {@code evaluation.CustomerState.of}). */
  private Activation.CustomerFacts facts(long tenantId, String customerId) {
    CustomerProfile p = customers.find(tenantId, customerId).orElse(null);
    if (p == null) {
      return new Activation.CustomerFacts(customerId, List.of(), "", "", "", null, null, Map.of());
    }
    return new Activation.CustomerFacts(customerId, p.tags(), p.loan().stage().name(), p.lifecycle().stage().name(),
        p.acquisitionChannel(), p.invitedBy(), p.registeredAt(), p.attributes());
  }

  /** The event's CEL variables (as {@code evaluation.CampaignApplication.activation}). */
  private static Activation activation(StoredEvent e, Activation.CustomerFacts customer, CustomerReplay.Count count) {
    Activation.Builder b = Activation.builder(e.type()).eventId(e.eventId()).occurredAt(e.occurredAt())
        .channel(e.channel()).customer(customer);
    e.attributes().forEach((name, value) -> {
      if ("amount".equals(name) && value instanceof Number n && !(value instanceof BigDecimal)) {
        b.amount(new BigDecimal(n.toString()));
      } else {
        b.attribute(name, value);
      }
    });
    count.today().forEach(b::countToday);
    return b.firstToday(count.firstToday()).firstEver(count.firstEver()).build();
  }
}
