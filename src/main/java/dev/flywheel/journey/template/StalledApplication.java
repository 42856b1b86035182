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
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Seed 002's "periodic contact messages": a customer completed {@code after_step} but not
 * {@code step}; if still not done on day 1, 2, 3 … after stalling, the message configured for that
 * day goes out; completing the step ends the journey ({@code goal-reached}).
 */
final class StalledApplication implements BuiltInJourney {

  @Override
  public JourneyTemplate describe() {
    return new JourneyTemplate("stalled-application-step", "Stalled application step",
        "Customers who stopped before an application step get the message configured for day 1, 2, 3 … "
            + "until they complete it.",
        List.of(new Parameter("name", "string", "journey name"),
            new Parameter("after_step", "string", "the last step completed (application_step.step)"),
            new Parameter("step", "string", "the step the customer stalls at"),
            new Parameter("days", "list", "days after stalling to send, e.g. 1,2,3"),
            new Parameter("templates", "list", "reach template key per day, same order"),
            new Parameter("channels", "channels", "channels, cheapest first")),
        Map.of("name", "Stalled application step", "after_step", "id_verification", "step", "bank_card",
            "days", "1,2,3", "templates", "stalled-day-1,stalled-day-2,stalled-day-3", "channels", "PUSH,SMS"));
  }

  @Override
  public JourneyDefinition build(Params p) {
    String after = Names.token(p, "after_step");
    String step = Names.token(p, "step");
    List<String> days = p.list("days");
    List<String> templates = p.list("templates");
    if (days.isEmpty() || days.size() != templates.size()) {
      throw Params.bad("templates", "one template per day (" + days.size() + " days)");
    }
    Channel[] channels = p.channels("channels").toArray(Channel[]::new);
    List<JourneyStep> steps = new ArrayList<>();
    int previous = 0;
    for (int i = 0; i < days.size(); i++) {
      int day = Names.day(days.get(i), previous);
      steps.add(JourneyStep.waitFor("wait-day-" + day, "P" + (day - previous) + "D"));
      steps.add(JourneyStep.send("day-" + day, MessageCategory.SERVICE, templates.get(i), channels)
          .withValues(Map.of("step", step, "day", day)));
      previous = day;
    }
    return new JourneyDefinition(p.string("name"), "Stalled after " + after + ", before " + step,
        JourneyTrigger.event("application_step", "event.attributes.step == '" + after + "'"),
        new JourneyGoal("application_step", "event.attributes.step == '" + step + "'"),
        ReEntry.AFTER_EXIT, steps, List.of("message_click"), List.of());
  }
}
