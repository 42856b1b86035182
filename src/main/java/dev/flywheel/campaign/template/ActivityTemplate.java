package dev.flywheel.campaign.template;

import dev.flywheel.campaign.Asset;
import dev.flywheel.campaign.Caps;
import dev.flywheel.campaign.RuleDefinition;
import dev.flywheel.campaign.TemplateDescription;
import java.util.List;
import java.util.Map;

/** A form of parameters that produces rules (and the caps and budget those rules imply). */
public interface ActivityTemplate {
  TemplateDescription description();

  /** Reads the parameters (issues go to {@code params}) and produces the rules. */
  Output produce(Params params);

  /**
   * @param caps per-customer caps the activity implies, or null for none
   * @param budget budget the activity implies (e.g. coupon stock), used when the plan has none
   */
  record Output(List<RuleDefinition> rules, Caps caps, Map<Asset, Long> budget) {
    public static Output of(RuleDefinition... rules) {
      return new Output(List.of(rules), null, Map.of());
    }

    public Output withCaps(Caps newCaps) {
      return new Output(rules, newCaps, budget);
    }

    public Output withBudget(Asset asset, long units) {
      return new Output(rules, caps, Map.of(asset, units));
    }
  }
}
