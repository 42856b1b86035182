package dev.flywheel.campaign.template;

import static dev.flywheel.campaign.template.Params.money;

import dev.flywheel.campaign.Asset;
import dev.flywheel.campaign.EffectDefinition;
import dev.flywheel.campaign.RuleDefinition;
import dev.flywheel.campaign.TemplateDescription;
import dev.flywheel.campaign.TemplateParameter;
import java.util.ArrayList;
import java.util.List;

/**
 * Seed 000 #2: when an invited customer's first investment ever reaches the threshold, the inviter
 * ({@code customer.invited_by}) gets cash back, and optionally the invitee too.
 */
final class InvitationReward implements ActivityTemplate {
  static final TemplateParameter MIN = money("min_first_investment", true, null, "invitee's first investment at least (yuan)");
  static final TemplateParameter INVITER = money("inviter_reward", true, null, "cash back to the inviter (yuan)");
  static final TemplateParameter INVITEE = money("invitee_reward", false, null, "cash back to the invitee (yuan, optional)");

  @Override
  public TemplateDescription description() {
    return new TemplateDescription("invitation_reward", "Invitation reward",
        "Inviter (and optionally invitee) earn cash back when the invitee's first investment reaches a threshold.",
        List.of(MIN, INVITER, INVITEE));
  }

  @Override
  public Output produce(Params p) {
    long min = p.moneyFen(MIN);
    long inviter = p.moneyFen(INVITER);
    long invitee = p.moneyFen(INVITEE);
    List<EffectDefinition> effects = new ArrayList<>();
    effects.add(new EffectDefinition.Grant(Asset.CASH_BACK, String.valueOf(inviter), null, null, "customer.invited_by"));
    if (invitee > 0) {
      effects.add(EffectDefinition.Grant.of(Asset.CASH_BACK, String.valueOf(invitee)));
    }
    return Output.of(new RuleDefinition("invitee-first-investment", "Invitee's first investment", "investment",
        "is_first_ever && customer.invited_by != \"\" && event.amount_fen >= " + min, effects));
  }
}
