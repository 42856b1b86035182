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
 * Seed 002: reminders N days and 1 day before a repayment is due (the {@code repayment_due}
 * event's {@code due_date}, 10:00 tenant time), transactional; a repayment ends the journey.
 */
final class RepaymentReminders implements BuiltInJourney {

  @Override
  public JourneyTemplate describe() {
    return new JourneyTemplate("repayment-reminders", "Repayment reminders",
        "Transactional reminders N days and 1 day before the due date, until the customer repays.",
        List.of(new Parameter("name", "string", "journey name"),
            new Parameter("days_before", "int", "N: days before the due date for the first reminder"),
            new Parameter("early_template", "string", "reach template key, N days before"),
            new Parameter("last_template", "string", "reach template key, 1 day before"),
            new Parameter("channels", "channels", "channels, cheapest first")),
        Map.of("name", "Repayment reminders", "days_before", 3, "early_template", "repay-in-days",
            "last_template", "repay-tomorrow", "channels", "PUSH,SMS"));
  }

  @Override
  public JourneyDefinition build(Params p) {
    int before = p.integer("days_before", 2, 30);
    Channel[] channels = p.channels("channels").toArray(Channel[]::new);
    List<JourneyStep> steps = List.of(
        JourneyStep.waitUntilDate("wait-early", "due_date", "-P" + before + "D"),
        JourneyStep.send("early", MessageCategory.TRANSACTIONAL, p.string("early_template"), channels)
            .withValues(Map.of("days_before", before)),
        JourneyStep.waitUntilDate("wait-last", "due_date", "-P1D"),
        JourneyStep.send("last", MessageCategory.TRANSACTIONAL, p.string("last_template"), channels)
            .withValues(Map.of("days_before", 1)));
    return new JourneyDefinition(p.string("name"), "Before each repayment due date",
        JourneyTrigger.event("repayment_due", "has(event.attributes.due_date)"), new JourneyGoal("repayment", null),
        ReEntry.AFTER_EXIT, steps, List.of(), List.of());
  }
}
