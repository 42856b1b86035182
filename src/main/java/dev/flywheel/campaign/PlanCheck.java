package dev.flywheel.campaign;

import dev.flywheel.campaign.store.CampaignStore;
import dev.flywheel.customer.Segments;
import dev.flywheel.event.EventTypes;
import dev.flywheel.platform.web.FieldIssue;
import java.time.Clock;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.springframework.stereotype.Component;

/**
 * Everything a plan must satisfy before it is stored: fields, window, channels, audience, caps,
 * rules (compiled and type-checked), budget per granted asset, and no exclusive overlap with
 * another open campaign. Reads only; thread-safe.
 */
@Component
class PlanCheck {
  private final RuleCompiler compiler;
  private final EventTypes eventTypes;
  private final Segments segments;
  private final CampaignStore store;
  private final PlanJson json;
  private final Clock clock;

  PlanCheck(RuleCompiler compiler, EventTypes eventTypes, Segments segments, CampaignStore store, PlanJson json,
      Clock clock) {
    this.compiler = compiler;
    this.eventTypes = eventTypes;
    this.segments = segments;
    this.store = store;
    this.json = json;
    this.clock = clock;
  }

  /** Field issues of the plan alone; empty when it may be stored. */
  List<FieldIssue> issues(long tenantId, CampaignPlan plan) {
    List<FieldIssue> issues = new ArrayList<>();
    if (plan.name() == null || plan.name().isBlank() || plan.name().length() > 200) {
      issues.add(new FieldIssue("name", "invalid-field", "a name is 1-200 characters"));
    }
    window(plan.window(), issues);
    for (int i = 0; i < plan.channels().size(); i++) {
      if (!PromotionChannels.ALL.contains(plan.channels().get(i))) {
        issues.add(new FieldIssue("channels[" + i + "]", "unknown-channel",
            "channels are " + String.join(", ", PromotionChannels.ALL)));
      }
    }
    if (plan.segmentId() != null && segments.find(tenantId, plan.segmentId()).isEmpty()) {
      issues.add(new FieldIssue("segment_id", "unknown-segment", "no segment " + plan.segmentId()));
    }
    caps(plan.caps(), issues);
    if (plan.rules().isEmpty()) {
      issues.add(new FieldIssue("rules", "invalid-rule", "a campaign has at least one rule"));
    }
    if (compiler.compile(plan.rules(), type -> eventTypes.find(tenantId, type).isPresent())
        instanceof RuleCompiler.Result.Invalid invalid) {
      issues.addAll(invalid.issues());
    }
    budget(plan, issues);
    return issues;
  }

  private void window(Window w, List<FieldIssue> issues) {
    if (w == null || w.startsAt() == null || w.endsAt() == null) {
      issues.add(new FieldIssue("window", "invalid-window", "starts_at and ends_at are required"));
      return;
    }
    if (!w.endsAt().isAfter(w.startsAt())) {
      issues.add(new FieldIssue("window.ends_at", "invalid-window", "ends_at must be after starts_at"));
    } else if (!w.endsAt().isAfter(clock.instant())) {
      issues.add(new FieldIssue("window.ends_at", "invalid-window", "ends_at is in the past"));
    }
    if (w.warmUpStartsAt() != null && w.warmUpStartsAt().isAfter(w.startsAt())) {
      issues.add(new FieldIssue("window.warm_up_starts_at", "invalid-window", "the warm-up starts before starts_at"));
    }
    if ((w.detonationStartsAt() == null) != (w.detonationEndsAt() == null)) {
      issues.add(new FieldIssue("window.detonation_starts_at", "invalid-window", "give both ends of the detonation period"));
    } else if (w.detonationStartsAt() != null && (w.detonationStartsAt().isBefore(w.startsAt())
        || w.detonationEndsAt().isAfter(w.endsAt()) || !w.detonationEndsAt().isAfter(w.detonationStartsAt()))) {
      issues.add(new FieldIssue("window.detonation_starts_at", "invalid-window",
          "the detonation period lies inside the window"));
    }
  }

  private static void caps(Caps caps, List<FieldIssue> issues) {
    Map<String, Integer> values = new java.util.LinkedHashMap<>();
    values.put("per_day", caps.perDay());
    values.put("per_week", caps.perWeek());
    values.put("per_campaign", caps.perCampaign());
    values.forEach((name, value) -> {
      if (value != null && value < 1) {
        issues.add(new FieldIssue("caps." + name, "invalid-cap", "a cap is at least 1 (leave it out for none)"));
      }
    });
  }

  private static void budget(CampaignPlan plan, List<FieldIssue> issues) {
    plan.budget().forEach((asset, units) -> {
      if (units == null || units < 0) {
        issues.add(new FieldIssue("budget." + asset, "negative-budget", "a budget is not negative"));
      }
    });
    Set<Asset> granted = EnumSet.noneOf(Asset.class);
    plan.rules().stream().filter(java.util.Objects::nonNull).flatMap(r -> r.effects().stream())
        .filter(EffectDefinition.Grant.class::isInstance).map(e -> ((EffectDefinition.Grant) e).asset())
        .filter(java.util.Objects::nonNull).forEach(granted::add);
    for (Asset asset : granted) {
      Long units = plan.budget().get(asset);
      if (units == null || units == 0) {
        issues.add(new FieldIssue("budget." + asset, "missing-budget",
            "a rule grants " + asset + ", so the campaign needs a positive " + asset + " budget"));
      }
    }
  }

  /**
   * Another open campaign that collides with this plan: both exclusive, same priority, a shared
   * trigger event type and overlapping windows. Call under {@link CampaignStore#lockTenantPlans}.
   */
  Optional<String> exclusiveOverlap(long tenantId, long campaignId, CampaignPlan plan) {
    if (!plan.exclusive()) {
      return Optional.empty();
    }
    Set<String> triggers = triggers(plan);
    for (var other : store.openPlans(tenantId, campaignId)) {
      CampaignPlan o = json.plan(other.planJson());
      if (o.exclusive() && o.priority().equals(plan.priority()) && o.window() != null && o.window().overlaps(plan.window())) {
        Set<String> shared = new HashSet<>(triggers(o));
        shared.retainAll(triggers);
        if (!shared.isEmpty()) {
          return Optional.of("campaign " + other.campaignId() + " ('" + o.name() + "') is also exclusive at priority "
              + plan.priority() + ", listens to " + shared.stream().sorted().collect(Collectors.joining(", "))
              + " and overlaps this window; change the priority or the window");
        }
      }
    }
    return Optional.empty();
  }

  private static Set<String> triggers(CampaignPlan plan) {
    return plan.rules().stream().filter(java.util.Objects::nonNull).map(RuleDefinition::trigger)
        .filter(java.util.Objects::nonNull).collect(Collectors.toSet());
  }
}
