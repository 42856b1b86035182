package dev.flywheel.campaign.template;

import static dev.flywheel.campaign.template.Params.integer;
import static dev.flywheel.campaign.template.Params.string;

import dev.flywheel.campaign.Asset;
import dev.flywheel.campaign.EffectDefinition;
import dev.flywheel.campaign.RuleDefinition;
import dev.flywheel.campaign.TemplateDescription;
import dev.flywheel.campaign.TemplateParameter;
import java.util.ArrayList;
import java.util.List;

/** Seed 000 #1: a coupon pack on registration and, optionally, another on the first investment ever. */
final class NewbieBenefits implements ActivityTemplate {
  static final TemplateParameter COUPON = string("coupon_template", true, null, "coupon template of the welcome pack");
  static final TemplateParameter COUPONS = integer("coupons", false, 1, "coupons in the welcome pack");
  static final TemplateParameter FIRST = string("first_investment_coupon_template", false, null,
      "coupon template granted on the first investment ever (optional)");
  static final TemplateParameter FIRST_COUPONS = integer("first_investment_coupons", false, 1,
      "coupons granted on the first investment ever");

  @Override
  public TemplateDescription description() {
    return new TemplateDescription("newbie_benefits", "Newbie benefits",
        "A coupon pack on registration; optionally more coupons on the first investment.",
        List.of(COUPON, COUPONS, FIRST, FIRST_COUPONS));
  }

  @Override
  public Output produce(Params p) {
    String coupon = p.text(COUPON);
    long coupons = p.integer(COUPONS, 1, 20);
    String first = p.text(FIRST);
    long firstCoupons = p.integer(FIRST_COUPONS, 1, 20);
    List<RuleDefinition> rules = new ArrayList<>();
    rules.add(new RuleDefinition("welcome-pack", "Welcome coupon pack", "registered", "",
        List.of(new EffectDefinition.Grant(Asset.COUPON, String.valueOf(coupons), coupon, null, null))));
    if (first != null) {
      rules.add(new RuleDefinition("first-investment-pack", "First investment coupons", "investment", "is_first_ever",
          List.of(new EffectDefinition.Grant(Asset.COUPON, String.valueOf(firstCoupons), first, null, null))));
    }
    return new Output(rules, null, java.util.Map.of());
  }
}
