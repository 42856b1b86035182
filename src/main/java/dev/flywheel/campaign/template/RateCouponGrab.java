package dev.flywheel.campaign.template;

import dev.flywheel.campaign.Asset;
import dev.flywheel.campaign.Caps;
import dev.flywheel.campaign.EffectDefinition;
import dev.flywheel.campaign.RuleDefinition;
import dev.flywheel.campaign.TemplateDescription;
import dev.flywheel.campaign.TemplateParameter;
import java.util.List;

/**
 * Seed 000 #9: grabbing rate coupons: a view of the grab page earns one coupon while stock lasts
 * (the COUPON budget is the stock; first come first served is the ledger's budget check), at most
 * N per customer over the campaign.
 */
final class RateCouponGrab implements ActivityTemplate {
  static final TemplateParameter COUPON = Params.string("coupon_template", true, null, "the rate-coupon template");
  static final TemplateParameter STOCK = Params.integer("stock", true, null, "coupons in stock (the COUPON budget)");
  static final TemplateParameter LIMIT = Params.integer("per_customer_limit", false, 1, "coupons per customer");
  static final TemplateParameter PAGE = Params.string("page", true, null, "the grab page (page_view attribute page)");

  @Override
  public TemplateDescription description() {
    return new TemplateDescription("rate_coupon_grab", "Rate-coupon grab",
        "Limited stock of rate coupons, first come first served, a limit per customer.",
        List.of(COUPON, STOCK, LIMIT, PAGE));
  }

  @Override
  public Output produce(Params p) {
    String coupon = p.text(COUPON);
    long stock = p.integer(STOCK, 1, 100_000_000);
    long limit = p.integer(LIMIT, 1, 100);
    String page = p.text(PAGE);
    return Output.of(new RuleDefinition("grab", "Grab a rate coupon", "page_view",
        "event.attributes.page == " + Params.quoted(page == null ? "" : page),
        List.of(new EffectDefinition.Grant(Asset.COUPON, "1", coupon, null, null))))
        .withCaps(Caps.perCampaign((int) limit)).withBudget(Asset.COUPON, stock);
  }
}
