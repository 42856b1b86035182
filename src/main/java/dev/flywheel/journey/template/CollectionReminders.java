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

/**
 * Seed 002: collection reminders on overdue day 1, 3 and 7 with an escalating tone (gentle, firm,
 * final), transactional so they win over marketing when caps collide; a repayment ends it.
 */
final class CollectionReminders implements BuiltInJourney {

  @Override
  public JourneyTemplate describe() {
    return new JourneyTemplate("collection-reminders", "Collection reminders",
        "Overdue day 1, 3 and 7 with an escalating tone, until the customer repays.",
        List.of(new Parameter("name", "string", "journey name"),
            new Parameter("gentle_template", "string", "day 1"), new Parameter("firm_template", "string", "day 3"),
            new Parameter("final_template", "string", "day 7"),
            new Parameter("channels", "channels", "channels, cheapest first")),
        Map.of("name", "Collection reminders", "gentle_template", "overdue-day-1-gentle",
            "firm_template", "overdue-day-3-firm", "final_template", "overdue-day-7-final", "channels", "SMS"));
  }

  @Override
  public JourneyDefinition build(Params p) {
    Channel[] channels = p.channels("channels").toArray(Channel[]::new);
    List<JourneyStep> steps = List.of(
        JourneyStep.send("day-1", MessageCategory.TRANSACTIONAL, p.string("gentle_template"), channels)
            .withValues(Map.of("tone", "gentle")),
        JourneyStep.waitFor("wait-day-3", "P2D"),
        JourneyStep.send("day-3", MessageCategory.TRANSACTIONAL, p.string("firm_template"), channels)
            .withValues(Map.of("tone", "firm")),
        JourneyStep.waitFor("wait-day-7", "P4D"),
        JourneyStep.send("day-7", MessageCategory.TRANSACTIONAL, p.string("final_template"), channels)
            .withValues(Map.of("tone", "final")));
    return new JourneyDefinition(p.string("name"), "From the first overdue day",
        JourneyTrigger.event("overdue", "event.attributes.days == 1"), new JourneyGoal("repayment", null),
        ReEntry.AFTER_EXIT, steps, List.of(), List.of());
  }
}
