package dev.flywheel.campaign;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/** Fixture builder: {@code aPlan(clock.instant()).withBudget(POINTS, 1000).build()}. */
final class Plans {
  private String name = "June gift giveback";
  private Instant startsAt;
  private Instant endsAt;
  private final List<RuleDefinition> rules = new ArrayList<>();
  private final Map<Asset, Long> budget = new EnumMap<>(Asset.class);
  private int priority;
  private boolean exclusive;
  private Caps caps = Caps.NONE;

  private Plans(Instant now) {
    this.startsAt = now.plus(1, ChronoUnit.DAYS);
    this.endsAt = now.plus(31, ChronoUnit.DAYS);
  }

  static Plans aPlan(Instant now) {
    return new Plans(now);
  }

  static RuleDefinition pointsRule(String amount) {
    return new RuleDefinition("points", "points", "investment", "is_first_today",
        List.of(EffectDefinition.Grant.of(Asset.POINTS, amount)));
  }

  Plans named(String n) {
    this.name = n;
    return this;
  }

  Plans window(Instant starts, Instant ends) {
    this.startsAt = starts;
    this.endsAt = ends;
    return this;
  }

  Plans withRule(RuleDefinition rule) {
    rules.add(rule);
    return this;
  }

  Plans withBudget(Asset asset, long units) {
    budget.put(asset, units);
    return this;
  }

  Plans exclusive(int p) {
    this.exclusive = true;
    this.priority = p;
    return this;
  }

  Plans caps(Caps c) {
    this.caps = c;
    return this;
  }

  CampaignPlan build() {
    List<RuleDefinition> r = rules.isEmpty() ? List.of(pointsRule("event.amount_fen / 1000")) : rules;
    Map<Asset, Long> b = budget.isEmpty() ? Map.of(Asset.POINTS, 1_000_000L) : budget;
    return new CampaignPlan(name, "lift June volume", "gift giveback", Window.of(startsAt, endsAt), "content",
        "process", r, b, "owner", List.of("a", "b"), null, List.of("banner", "push"), priority, exclusive, caps);
  }
}
