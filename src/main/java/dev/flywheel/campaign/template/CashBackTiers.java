package dev.flywheel.campaign.template;

import dev.flywheel.campaign.Asset;
import dev.flywheel.campaign.EffectDefinition;
import dev.flywheel.campaign.RuleDefinition;
import dev.flywheel.campaign.TemplateDescription;
import dev.flywheel.campaign.TemplateParameter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Seed 000 #5: cash back as a percent of the amount, by tiers of amount and term. An investment
 * gets the best rate among the tiers it reaches; cash back is rounded down to the fen.
 */
final class CashBackTiers implements ActivityTemplate {
  static final TemplateParameter TIERS = new TemplateParameter("tiers", "tiers", true, null,
      "1-10 tiers {min_amount (yuan), min_term_days, rate_percent}");

  record Tier(long minFen, long minTerm, long basisPoints) {
    String condition() {
      return "(event.amount_fen >= " + minFen + " && int(event.attributes.term_days) >= " + minTerm + ")";
    }
  }

  @Override
  public TemplateDescription description() {
    return new TemplateDescription("investment_cash_back_tiers", "Investment cash back by tiers",
        "Cash back as a percent of the amount; the best tier reached by amount and term applies.", List.of(TIERS));
  }

  @Override
  public Output produce(Params p) {
    List<Tier> tiers = new ArrayList<>();
    List<Map<String, Object>> raw = p.objects(TIERS);
    for (int i = 0; i < raw.size(); i++) {
      Params tier = new Params(raw.get(i));
      long min = tier.moneyFen(Params.money("min_amount", true, null, ""));
      long term = tier.integer(Params.integer("min_term_days", false, 1, ""), 1, 3650);
      long bp = tier.percentBasisPoints(new TemplateParameter("rate_percent", "percent", true, null, ""));
      for (var issue : tier.issues()) {
        p.issue("tiers[" + i + "]." + issue.field().substring("parameters.".length()), issue.message());
      }
      tiers.add(new Tier(min, term, bp));
    }
    tiers.sort(Comparator.comparingLong(Tier::basisPoints).reversed());
    String condition = tiers.stream().map(Tier::condition).collect(Collectors.joining(" || "));
    StringBuilder amount = new StringBuilder();
    for (Tier t : tiers) {
      amount.append(t.condition()).append(" ? event.amount_fen * ").append(t.basisPoints()).append(" / 10000 : ");
    }
    amount.append('0');
    return Output.of(new RuleDefinition("cash-back-tiers", "Cash back by tier", "investment",
        condition.isEmpty() ? "false" : condition, List.of(EffectDefinition.Grant.of(Asset.CASH_BACK, amount.toString()))));
  }
}
