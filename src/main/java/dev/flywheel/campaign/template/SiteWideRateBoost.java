package dev.flywheel.campaign.template;

import dev.flywheel.campaign.TemplateDescription;
import dev.flywheel.campaign.TemplateParameter;
import java.util.List;

/** Seed 000 #8: extra annual interest on every investment (optionally one product only). */
final class SiteWideRateBoost implements ActivityTemplate {
  static final TemplateParameter PRODUCT = Params.string("product", false, null, "only this product (optional)");

  @Override
  public TemplateDescription description() {
    return new TemplateDescription("site_wide_rate_boost", "Site-wide rate boost",
        "Extra annual % on every investment; bonus to the fen, credited at maturity.", List.of(RateBoost.RATE, PRODUCT));
  }

  @Override
  public Output produce(Params p) {
    long bp = p.percentBasisPoints(RateBoost.RATE);
    String product = p.text(PRODUCT);
    return Output.of(RateBoost.rule("site-wide-boost", "Site-wide rate boost",
        product == null ? "" : "event.attributes.product == " + Params.quoted(product), bp));
  }
}
