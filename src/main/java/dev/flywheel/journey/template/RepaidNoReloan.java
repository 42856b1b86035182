package dev.flywheel.journey.template;

import dev.flywheel.journey.JourneyDefinition;
import dev.flywheel.journey.JourneyGoal;
import dev.flywheel.journey.JourneyStep;
import dev.flywheel.journey.JourneyTemplate;
import dev.flywheel.journey.JourneyTemplate.Parameter;
import dev.flywheel.journey.JourneyTrigger;
import dev.flywheel.journey.ReEntry;
import dev.flywheel.reach.Channel;
import dev.flywheel.reach.MessageCategory;
import java.util.List;
import java.util.Map;

/** Seed 002: repaid but no re-loan — an offer N days after repaying, unless they borrow again first. */
final class RepaidNoReloan implements BuiltInJourney {

  @Override
  public JourneyTemplate describe() {
    return new JourneyTemplate("repaid-no-reloan", "Repaid, no re-loan",
        "An offer N days after the loan is repaid, unless the customer draws down again first.",
        List.of(new Parameter("name", "string", "journey name"),
            new Parameter("days", "int", "N: days after repaying"),
            new Parameter("template", "string", "reach template key of the offer"),
            new Parameter("channels", "channels", "channels, cheapest first")),
        Map.of("name", "Repaid, no re-loan", "days", 7, "template", "reloan-offer", "channels", "PUSH,SMS"));
  }

  @Override
  public JourneyDefinition build(Params p) {
    List<JourneyStep> steps = List.of(
        JourneyStep.waitFor("wait", "P" + p.integer("days", 1, 180) + "D"),
        JourneyStep.send("offer", MessageCategory.MARKETING, p.string("template"),
            p.channels("channels").toArray(Channel[]::new)));
    return new JourneyDefinition(p.string("name"), "After repaying",
        JourneyTrigger.loanStage("REPAID"), new JourneyGoal("drawdown", null), ReEntry.AFTER_EXIT, steps,
        List.of("message_click", "drawdown"), List.of());
  }
}
