package dev.flywheel.campaign.template;

import dev.flywheel.campaign.Asset;
import dev.flywheel.campaign.Caps;
import dev.flywheel.campaign.EffectDefinition;
import dev.flywheel.campaign.RuleDefinition;
import dev.flywheel.campaign.TemplateDescription;
import dev.flywheel.campaign.TemplateParameter;
import java.util.List;

/**
 * Seed 000 #10: one draw chance per investment greater than 1,000 yuan, at most 5 chances per
 * customer per day (the day cap counts rewarded investments: max_chances_per_day / chances).
 */
final class InvestmentLottery implements ActivityTemplate {
  static final TemplateParameter MIN = Params.money("min_amount", false, 1000, "investment greater than (yuan)");
  static final TemplateParameter CHANCES = Params.integer("chances_per_investment", false, 1, "chances per investment");
  static final TemplateParameter MAX = Params.integer("max_chances_per_day", false, 5, "chances per customer per day");

  @Override
  public TemplateDescription description() {
    return new TemplateDescription("investment_lottery", "Investment lottery",
        "Draw chances for every investment above an amount, capped per customer per day.", List.of(MIN, CHANCES, MAX));
  }

  @Override
  public Output produce(Params p) {
    long min = p.moneyFen(MIN);
    long chances = p.integer(CHANCES, 1, 100);
    long max = p.integer(MAX, 1, 1000);
    if (max % chances != 0) {
      p.issue(MAX.name(), "max_chances_per_day must be a multiple of chances_per_investment");
    }
    return Output.of(new RuleDefinition("chance-per-investment", "A chance per investment", "investment",
        "event.amount_fen > " + min, List.of(EffectDefinition.Grant.of(Asset.LOTTERY_CHANCE, String.valueOf(chances)))))
        .withCaps(Caps.perDay((int) (max / chances)));
  }
}
