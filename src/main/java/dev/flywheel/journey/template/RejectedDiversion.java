package dev.flywheel.journey.template;

import dev.flywheel.journey.JourneyDefinition;
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
 * Seed 002: rejected users are routed to partner offers — after a risk rejection to products that
 * need no credit (insurance, wealth), after a funder rejection to other funders with looser
 * rules. The offer link is a template value; reach rewrites it into a tracked link.
 */
final class RejectedDiversion implements BuiltInJourney {

  @Override
  public JourneyTemplate describe() {
    return new JourneyTemplate("rejected-diversion", "Rejected-user diversion",
        "After a risk or funder rejection, route the customer to configured partner offers with tracked links.",
        List.of(new Parameter("name", "string", "journey name"),
            new Parameter("risk_template", "string", "reach template key after a risk rejection"),
            new Parameter("risk_offer_url", "string", "partner offer link after a risk rejection"),
            new Parameter("funder_template", "string", "reach template key after a funder rejection"),
            new Parameter("funder_offer_url", "string", "partner offer link after a funder rejection"),
            new Parameter("channels", "channels", "channels, cheapest first")),
        Map.of("name", "Rejected-user diversion", "risk_template", "partner-insurance",
            "risk_offer_url", "https://partners.example.com/insurance",
            "funder_template", "partner-funders", "funder_offer_url", "https://partners.example.com/funders",
            "channels", "PUSH,SMS"));
  }

  @Override
  public JourneyDefinition build(Params p) {
    Channel[] channels = p.channels("channels").toArray(Channel[]::new);
    List<JourneyStep> steps = List.of(
        JourneyStep.branch("which-rejection", "event.attributes.to == 'RISK_REJECTED'", "risk-offer", "funder-offer"),
        JourneyStep.send("risk-offer", MessageCategory.MARKETING, p.string("risk_template"), channels)
            .withValues(Map.of("offer_url", p.string("risk_offer_url"))).withNext("done"),
        JourneyStep.send("funder-offer", MessageCategory.MARKETING, p.string("funder_template"), channels)
            .withValues(Map.of("offer_url", p.string("funder_offer_url"))),
        JourneyStep.exit("done", "routed"));
    return new JourneyDefinition(p.string("name"), "Partner offers after a rejection",
        JourneyTrigger.loanStage("RISK_REJECTED", "FUNDER_REJECTED"), null, ReEntry.AFTER_EXIT, steps,
        List.of("message_click"), List.of());
  }
}
