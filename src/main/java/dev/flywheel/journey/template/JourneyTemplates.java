package dev.flywheel.journey.template;

import dev.flywheel.journey.JourneyDefinition;
import dev.flywheel.journey.JourneyTemplate;
import dev.flywheel.platform.web.FieldIssue;
import dev.flywheel.platform.web.Problem;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Component;

/** The built-in journeys from the operating playbooks (seeds 002 and 003). */
@Component
public class JourneyTemplates {
  private final Map<String, BuiltInJourney> all = new LinkedHashMap<>();

  JourneyTemplates() {
    for (BuiltInJourney journey : List.of(new StalledApplication(), new ApprovedNotDrawn(), new RepaymentReminders(),
        new CollectionReminders(), new RepaidNoReloan(), new RejectedDiversion(), new DormantRecall())) {
      all.put(journey.describe().key(), journey);
    }
  }

  public List<JourneyTemplate> list() {
    return all.values().stream().map(BuiltInJourney::describe).toList();
  }

  /**
   * The definition a template makes of {@code parameters} (missing ones take the defaults).
   *
   * @throws Problem {@code unknown-template} or {@code invalid-parameter} (422)
   */
  public JourneyDefinition build(String key, Map<String, Object> parameters) {
    BuiltInJourney journey = all.get(key);
    if (journey == null) {
      throw Problem.invalid("unknown-template", "no built-in journey '" + key + "'; known: " + all.keySet(),
          List.of(new FieldIssue("template", "unknown-template", "known: " + all.keySet())));
    }
    return journey.build(new Params(parameters, journey.describe().defaults()));
  }
}
