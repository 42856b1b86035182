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
 * Seed 002: approved by a funder but not drawn down — a push, then an SMS, then a manual call task
 * for an employee (telemarketing converts about 3x); drawing down ends the journey.
 */
final class ApprovedNotDrawn implements BuiltInJourney {

  @Override
  public JourneyTemplate describe() {
    return new JourneyTemplate("approved-not-drawn", "Approved but not drawn down",
        "Push, then SMS, then a manual call task, until the customer draws down.",
        List.of(new Parameter("name", "string", "journey name"),
            new Parameter("push_after_days", "int", "days after approval for the push"),
            new Parameter("sms_after_days", "int", "days after the push for the SMS"),
            new Parameter("call_after_days", "int", "days after the SMS for the call task"),
            new Parameter("push_template", "string", "reach template key"),
            new Parameter("sms_template", "string", "reach template key"),
            new Parameter("call_template", "string", "reach template key of the call script")),
        Map.of("name", "Approved but not drawn down", "push_after_days", 1, "sms_after_days", 1,
            "call_after_days", 2, "push_template", "drawdown-push", "sms_template", "drawdown-sms",
            "call_template", "drawdown-call"));
  }

  @Override
  public JourneyDefinition build(Params p) {
    List<JourneyStep> steps = List.of(
        JourneyStep.waitFor("wait-push", "P" + p.integer("push_after_days", 1, 60) + "D"),
        JourneyStep.send("push", MessageCategory.SERVICE, p.string("push_template"), Channel.PUSH),
        JourneyStep.waitFor("wait-sms", "P" + p.integer("sms_after_days", 1, 60) + "D"),
        JourneyStep.send("sms", MessageCategory.SERVICE, p.string("sms_template"), Channel.SMS),
        JourneyStep.waitFor("wait-call", "P" + p.integer("call_after_days", 1, 60) + "D"),
        JourneyStep.phoneTask("call", MessageCategory.SERVICE, p.string("call_template")));
    return new JourneyDefinition(p.string("name"), "Funder approved, no drawdown yet",
        JourneyTrigger.loanStage("FUNDER_APPROVED"), new JourneyGoal("drawdown", null), ReEntry.AFTER_EXIT, steps,
        List.of("message_click", "drawdown"), List.of());
  }
}
