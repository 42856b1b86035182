package dev.flywheel.campaign.template;

import dev.flywheel.campaign.Caps;
import dev.flywheel.campaign.EffectDefinition;
import dev.flywheel.campaign.RuleDefinition;
import dev.flywheel.campaign.TemplateDescription;
import dev.flywheel.campaign.TemplateParameter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Seed 003: a {@code credit_line_raise} outbound signal for the lending system (by default when a
 * loan is settled by a repayment), once per customer. The lending system decides and acts.
 */
final class CreditLineRaise implements ActivityTemplate {
  static final TemplateParameter RAISE = Params.money("raise_amount", true, null, "suggested raise (yuan)");
  static final TemplateParameter SETTLED = new TemplateParameter("require_settled", "boolean", false, true,
      "only when the repayment settles the loan");

  @Override
  public TemplateDescription description() {
    return new TemplateDescription("credit_line_raise", "Credit-line raise",
        "Asks the lending system to raise a good repayer's credit line (outbound signal).", List.of(RAISE, SETTLED));
  }

  @Override
  public Output produce(Params p) {
    long raise = p.moneyFen(RAISE);
    boolean settled = p.bool(SETTLED);
    Map<String, String> payload = new LinkedHashMap<>();
    payload.put("customer_id", "customer.id");
    payload.put("raise_fen", String.valueOf(raise));
    payload.put("loan_id", "has(event.attributes.loan_id) ? event.attributes.loan_id : \"\"");
    return Output.of(new RuleDefinition("raise-credit-line", "Raise the credit line of a good repayer", "repayment",
        settled ? "has(event.attributes.settled) && event.attributes.settled == true" : "",
        List.of(new EffectDefinition.Signal("credit_line_raise", payload)))).withCaps(Caps.perCampaign(1));
  }
}
