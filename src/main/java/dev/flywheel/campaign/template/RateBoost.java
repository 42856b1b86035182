package dev.flywheel.campaign.template;

import dev.flywheel.campaign.Asset;
import dev.flywheel.campaign.EffectDefinition;
import dev.flywheel.campaign.RuleDefinition;
import dev.flywheel.campaign.TemplateParameter;
import java.util.List;

/**
 * The interest-bonus rule shared by the rate boosts: bonus = amount × extra rate × term / 365,
 * rounded down to the fen, pending until maturity (term days). Integer arithmetic in fen and basis
 * points; CEL raises an overflow (never a grant) above about 10^15 fen·bp·days.
 */
final class RateBoost {
  static final TemplateParameter RATE = new TemplateParameter("extra_rate_percent", "percent", true, null,
      "extra annual interest in percent (e.g. 0.5)");

  private RateBoost() {}

  static RuleDefinition rule(String id, String name, String condition, long basisPoints) {
    String term = "int(event.attributes.term_days)";
    return new RuleDefinition(id, name, "investment", condition, List.of(new EffectDefinition.Grant(Asset.INTEREST_BONUS,
        "event.amount_fen * " + basisPoints + " * " + term + " / 3650000", null, term, null)));
  }
}
