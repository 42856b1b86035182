package dev.flywheel.campaign.template;

import static dev.flywheel.campaign.template.Params.money;

import dev.flywheel.campaign.Asset;
import dev.flywheel.campaign.Caps;
import dev.flywheel.campaign.EffectDefinition;
import dev.flywheel.campaign.RuleDefinition;
import dev.flywheel.campaign.TemplateDescription;
import dev.flywheel.campaign.TemplateParameter;
import java.util.List;

/** Seed 000 #6: an investment of at least the threshold earns a fixed cash back, once per customer. */
final class FullAmountCashBack implements ActivityTemplate {
  static final TemplateParameter THRESHOLD = money("threshold", true, null, "investment at least (yuan)");
  static final TemplateParameter CASH_BACK = money("cash_back", true, null, "fixed cash back (yuan)");
  static final TemplateParameter TIMES = Params.integer("times_per_customer", false, 1, "rewards per customer");

  @Override
  public TemplateDescription description() {
    return new TemplateDescription("full_amount_cash_back", "Full-amount cash back",
        "Invest at least the threshold in the window and earn a fixed cash back.", List.of(THRESHOLD, CASH_BACK, TIMES));
  }

  @Override
  public Output produce(Params p) {
    long threshold = p.moneyFen(THRESHOLD);
    long cashBack = p.moneyFen(CASH_BACK);
    long times = p.integer(TIMES, 1, 100);
    return Output.of(new RuleDefinition("threshold-reached", "Investment reaches the threshold", "investment",
        "event.amount_fen >= " + threshold, List.of(EffectDefinition.Grant.of(Asset.CASH_BACK, String.valueOf(cashBack)))))
        .withCaps(Caps.perCampaign((int) times));
  }
}
