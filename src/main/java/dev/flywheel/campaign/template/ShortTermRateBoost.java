package dev.flywheel.campaign.template;

import dev.flywheel.campaign.TemplateDescription;
import dev.flywheel.campaign.TemplateParameter;
import java.util.List;

/** Seed 000 #7: extra annual interest for investments with a term of at most N days. */
final class ShortTermRateBoost implements ActivityTemplate {
  static final TemplateParameter MAX_TERM = Params.integer("max_term_days", true, null, "terms up to this many days");

  @Override
  public TemplateDescription description() {
    return new TemplateDescription("short_term_rate_boost", "Short-term rate boost",
        "Extra annual % for terms up to N days; bonus = amount × rate × term/365 to the fen, credited at maturity.",
        List.of(RateBoost.RATE, MAX_TERM));
  }

  @Override
  public Output produce(Params p) {
    long bp = p.percentBasisPoints(RateBoost.RATE);
    long maxTerm = p.integer(MAX_TERM, 1, 3650);
    return Output.of(RateBoost.rule("short-term-boost", "Short-term rate boost",
        "int(event.attributes.term_days) <= " + maxTerm, bp));
  }
}
