package dev.flywheel.campaign.template;

import static dev.flywheel.campaign.template.Params.integer;

import dev.flywheel.campaign.Asset;
import dev.flywheel.campaign.EffectDefinition;
import dev.flywheel.campaign.RuleDefinition;
import dev.flywheel.campaign.TemplateDescription;
import dev.flywheel.campaign.TemplateParameter;
import java.util.List;

/** Seed 000 #4: the day's first investment earns points at N:1 (10 yuan → 1 point), rounded down. */
final class FirstInvestmentPoints implements ActivityTemplate {
  static final TemplateParameter RATIO = integer("yuan_per_point", false, 10, "yuan invested per point");

  @Override
  public TemplateDescription description() {
    return new TemplateDescription("first_investment_points", "First-investment points",
        "The day's first investment earns points: one point per N yuan, rounded down.", List.of(RATIO));
  }

  @Override
  public Output produce(Params p) {
    long fenPerPoint = p.integer(RATIO, 1, 1_000_000) * 100;
    return Output.of(new RuleDefinition("first-investment-today", "Day's first investment earns points",
        "investment", "is_first_today",
        List.of(EffectDefinition.Grant.of(Asset.POINTS, "event.amount_fen / " + fenPerPoint))));
  }
}
