package dev.flywheel.console;

import dev.flywheel.campaign.Campaign;
import dev.flywheel.campaign.CampaignPlan;
import dev.flywheel.campaign.EffectDefinition;
import dev.flywheel.campaign.RuleDefinition;
import dev.flywheel.ledger.Budget;
import dev.flywheel.ledger.Ledger;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.springframework.stereotype.Component;

/** Read models the campaign pages render: budget lines joined from plan and ledger, rules as text. */
@Component
class CampaignViews {
  private final Ledger ledger;
  private final AssetAmounts amounts;

  CampaignViews(Ledger ledger, AssetAmounts amounts) {
    this.ledger = ledger;
    this.amounts = amounts;
  }

  /**
   * One asset of a campaign's budget.
   *
   * @param planned what the approved plan budgets (the newest plan before approval)
   * @param toFund what funding would add to reach {@code planned}
   */
  record BudgetLine(String asset, long planned, long funded, long granted, long remaining, long toFund,
      int burnPercent) {}

  /** One effect of a rule as text parts: kind {@code grant}, {@code add_tag} or {@code signal}. */
  record EffectLine(String kind, String asset, String expression, String detail) {}

  record RuleView(RuleDefinition rule, List<EffectLine> effects) {}

  /** The plan that budgets count against: the approved one, else the newest. */
  static CampaignPlan budgetPlan(Campaign c) {
    return c.activePlan().orElse(c.plan());
  }

  List<BudgetLine> budget(long tenantId, Campaign c) {
    Budget budget = ledger.budget(tenantId, c.id());
    Map<String, Budget.Line> funded = budget.lines().entrySet().stream()
        .collect(Collectors.toMap(e -> e.getKey().name(), Map.Entry::getValue));
    Map<String, Long> planned = budgetPlan(c).budget().entrySet().stream()
        .collect(Collectors.toMap(e -> e.getKey().name(), Map.Entry::getValue));
    Set<String> assets = new LinkedHashSet<>();
    for (dev.flywheel.campaign.Asset a : dev.flywheel.campaign.Asset.values()) {
      if (planned.containsKey(a.name()) || funded.containsKey(a.name())) {
        assets.add(a.name());
      }
    }
    List<BudgetLine> lines = new ArrayList<>();
    for (String asset : assets) {
      Budget.Line line = funded.getOrDefault(asset, new Budget.Line(0, 0, 0));
      long plan = planned.getOrDefault(asset, 0L);
      lines.add(new BudgetLine(asset, plan, line.funded(), line.granted(), line.remaining(),
          Math.max(0, plan - line.funded()), amounts.percent(line.granted(), line.funded())));
    }
    return lines;
  }

  List<RuleView> rules(CampaignPlan plan) {
    return plan.rules().stream().map(r -> new RuleView(r, r.effects().stream().map(CampaignViews::effect).toList()))
        .toList();
  }

  private static EffectLine effect(EffectDefinition effect) {
    return switch (effect) {
      case EffectDefinition.Grant g -> new EffectLine("grant", g.asset() == null ? "" : g.asset().name(), g.amount(),
          detail(g));
      case EffectDefinition.AddTag t -> new EffectLine("add_tag", "", t.tag(), "");
      case EffectDefinition.Signal s -> new EffectLine("signal", "", s.name(), s.payload() == null ? ""
          : s.payload().entrySet().stream().map(e -> e.getKey() + ": " + e.getValue()).collect(Collectors.joining(", ")));
    };
  }

  private static String detail(EffectDefinition.Grant g) {
    List<String> parts = new ArrayList<>();
    if (g.couponTemplate() != null) {
      parts.add("coupon_template=" + g.couponTemplate());
    }
    if (g.pendingDays() != null) {
      parts.add("pending_days=" + g.pendingDays());
    }
    if (g.recipient() != null) {
      parts.add("recipient=" + g.recipient());
    }
    return String.join(" · ", parts);
  }
}
