package dev.flywheel.campaign.template;

import dev.flywheel.campaign.Asset;
import dev.flywheel.campaign.Caps;
import dev.flywheel.campaign.EffectDefinition;
import dev.flywheel.campaign.RuleDefinition;
import dev.flywheel.campaign.TemplateDescription;
import dev.flywheel.campaign.TemplateParameter;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Seed 003: coupons for old users who are dormant or potentially dormant when they come back
 * (by default on app login), once per customer.
 */
final class OldUserCoupons implements ActivityTemplate {
  static final TemplateParameter COUPON = Params.string("coupon_template", true, null, "the old-user coupon template");
  static final TemplateParameter COUPONS = Params.integer("coupons", false, 1, "coupons per customer");
  static final TemplateParameter STAGES = new TemplateParameter("lifecycle_stages", "string_list", false,
      List.of("DORMANT", "POTENTIALLY_DORMANT"), "lifecycle stages that qualify");
  static final TemplateParameter TRIGGER = new TemplateParameter("trigger_event", "event_type", false, "app_login",
      "the event that brings the customer back");

  @Override
  public TemplateDescription description() {
    return new TemplateDescription("old_user_coupons", "Old-user coupons",
        "Coupons for dormant and potentially dormant customers when they come back.",
        List.of(COUPON, COUPONS, STAGES, TRIGGER));
  }

  @Override
  public Output produce(Params p) {
    String coupon = p.text(COUPON);
    long coupons = p.integer(COUPONS, 1, 20);
    String stages = p.texts(STAGES).stream().map(Params::quoted).collect(Collectors.joining(", "));
    String trigger = p.text(TRIGGER);
    return Output.of(new RuleDefinition("old-user-coupon", "Coupon for a returning old user", trigger,
        "customer.lifecycle_stage in [" + stages + "]",
        List.of(new EffectDefinition.Grant(Asset.COUPON, String.valueOf(coupons), coupon, null, null))))
        .withCaps(Caps.perCampaign(1));
  }
}
