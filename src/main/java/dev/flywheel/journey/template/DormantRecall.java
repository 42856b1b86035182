package dev.flywheel.journey.template;

import dev.flywheel.journey.FunnelTarget;
import dev.flywheel.journey.JourneyDefinition;
import dev.flywheel.journey.JourneyGoal;
import dev.flywheel.journey.JourneyStep;
import dev.flywheel.journey.JourneyTemplate;
import dev.flywheel.journey.JourneyTemplate.Parameter;
import dev.flywheel.journey.JourneyTrigger;
import dev.flywheel.journey.ReEntry;
import dev.flywheel.ledger.Asset;
import dev.flywheel.reach.Channel;
import dev.flywheel.reach.MessageCategory;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Seed 003's recall: on becoming potentially dormant or dormant, a message through the cheapest
 * channel the customer allows; no login within 3 days → at once a follow-up through the next
 * channel; after a login an old-user coupon (granted from a campaign when one is configured) and
 * a reminder in the in-app inbox; a drawdown is the goal. The report holds the seed's reference
 * targets: click ≥ 20 % of reached customers, login 80–90 % of those who clicked, drawdown ≥ 50 % of logins.
 */
final class DormantRecall implements BuiltInJourney {

  @Override
  public JourneyTemplate describe() {
    return new JourneyTemplate("dormant-recall", "Dormant recall",
        "Recall (potentially) dormant customers: cheapest channel first, the next channel after 3 days "
            + "without a login, an old-user coupon reminder after login.",
        List.of(new Parameter("name", "string", "journey name"),
            new Parameter("channels", "channels", "channels, cheapest first"),
            new Parameter("login_within_days", "int", "days to wait for a login before following up"),
            new Parameter("first_template", "string", "reach template key of the recall message"),
            new Parameter("follow_up_template", "string", "reach template key of the follow-up"),
            new Parameter("coupon_template", "string", "reach template key of the inbox coupon reminder"),
            new Parameter("coupon_campaign_id", "int", "optional: campaign whose budget pays the coupon"),
            new Parameter("coupon_template_id", "int", "optional: ledger coupon template to grant")),
        Map.of("name", "Dormant recall", "channels", "PUSH,SMS,EMAIL", "login_within_days", 3,
            "first_template", "recall-first", "follow_up_template", "recall-follow-up",
            "coupon_template", "old-user-coupon"));
  }

  @Override
  public JourneyDefinition build(Params p) {
    Channel[] channels = p.channels("channels").toArray(Channel[]::new);
    String within = "P" + p.integer("login_within_days", 1, 30) + "D";
    boolean grant = p.raw("coupon_campaign_id") != null && p.raw("coupon_template_id") != null;
    String afterLogin = grant ? "grant-coupon" : "coupon";
    List<JourneyStep> steps = new ArrayList<>(List.of(
        JourneyStep.send("recall", MessageCategory.MARKETING, p.string("first_template"), channels),
        JourneyStep.waitUntil("wait-login", "app_login", within, afterLogin, "follow-up"),
        JourneyStep.send("follow-up", MessageCategory.MARKETING, p.string("follow_up_template"), channels)
            .skippingUsedChannels(),
        JourneyStep.waitUntil("wait-login-again", "app_login", within, afterLogin, "not-recalled"),
        JourneyStep.exit("not-recalled", "not-recalled")));
    if (grant) {
      steps.add(JourneyStep.grant("grant-coupon", p.integer("coupon_campaign_id", 1, Integer.MAX_VALUE),
          Asset.COUPON, 1, (long) p.integer("coupon_template_id", 1, Integer.MAX_VALUE)));
    }
    steps.add(JourneyStep.send("coupon", MessageCategory.MARKETING, p.string("coupon_template"), Channel.INBOX));
    steps.add(JourneyStep.waitUntil("wait-drawdown", "drawdown", "P14D", "drew-down", "no-drawdown"));
    steps.add(JourneyStep.exit("no-drawdown", "no-drawdown"));
    steps.add(JourneyStep.exit("drew-down", "drew-down"));
    return new JourneyDefinition(p.string("name"), "Recall on entering potentially dormant or dormant",
        JourneyTrigger.lifecycleStage("POTENTIALLY_DORMANT", "DORMANT"), new JourneyGoal("drawdown", null),
        ReEntry.AFTER_EXIT, steps, List.of("message_click", "app_login", "drawdown"),
        List.of(new FunnelTarget("reached", "message_click", 0.2, null),
            new FunnelTarget("message_click", "app_login", 0.8, 0.9),
            new FunnelTarget("app_login", "drawdown", 0.5, null)));
  }
}
