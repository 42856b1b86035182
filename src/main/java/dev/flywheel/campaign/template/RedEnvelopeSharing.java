package dev.flywheel.campaign.template;

import static dev.flywheel.campaign.template.Params.integer;
import static dev.flywheel.campaign.template.Params.money;
import static dev.flywheel.campaign.template.Params.string;

import dev.flywheel.campaign.Caps;
import dev.flywheel.campaign.EffectDefinition;
import dev.flywheel.campaign.RuleDefinition;
import dev.flywheel.campaign.TemplateDescription;
import dev.flywheel.campaign.TemplateParameter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Seed 000 #3: sharing the activity page creates a red envelope of a fixed total that friends
 * split in random parts within bounds. The rule emits a {@code red_envelope} signal with the
 * envelope's terms; splitting and claiming belong to the fission module.
 */
final class RedEnvelopeSharing implements ActivityTemplate {
  static final TemplateParameter TARGET = string("share_target", true, null, "the shared page (event attribute target)");
  static final TemplateParameter TOTAL = money("total", true, null, "envelope total (yuan)");
  static final TemplateParameter PARTS = integer("parts", true, null, "how many friends split it");
  static final TemplateParameter MIN = money("min_part", false, "0.01", "smallest part (yuan)");
  static final TemplateParameter MAX = money("max_part", false, null, "largest part (yuan; default the total)");
  static final TemplateParameter PER_DAY = integer("envelopes_per_day", false, 1, "envelopes a customer may create a day");

  @Override
  public TemplateDescription description() {
    return new TemplateDescription("red_envelope_sharing", "Red-envelope sharing",
        "A share creates a red envelope that friends split: random parts within bounds, total fixed.",
        List.of(TARGET, TOTAL, PARTS, MIN, MAX, PER_DAY));
  }

  @Override
  public Output produce(Params p) {
    String target = p.text(TARGET);
    long total = p.moneyFen(TOTAL);
    long parts = p.integer(PARTS, 2, 100);
    long min = p.moneyFen(MIN);
    long max = p.moneyFen(MAX);
    if (max == 0) {
      max = total;
    }
    long perDay = p.integer(PER_DAY, 1, 100);
    if (parts * min > total || parts * max < total) {
      p.issue(TOTAL.name(), "the total must lie between parts × min_part and parts × max_part");
    }
    Map<String, String> payload = new LinkedHashMap<>();
    payload.put("sharer", "customer.id");
    payload.put("total_fen", String.valueOf(total));
    payload.put("parts", String.valueOf(parts));
    payload.put("min_part_fen", String.valueOf(min));
    payload.put("max_part_fen", String.valueOf(max));
    return Output.of(new RuleDefinition("share-creates-envelope", "A share creates a red envelope", "share",
        "event.attributes.target == " + Params.quoted(target == null ? "" : target),
        List.of(new EffectDefinition.Signal("red_envelope", payload)))).withCaps(Caps.perDay((int) perDay));
  }
}
