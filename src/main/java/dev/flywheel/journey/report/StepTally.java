package dev.flywheel.journey.report;

import dev.flywheel.journey.Journey;
import dev.flywheel.journey.JourneyReport.StepFigures;
import dev.flywheel.journey.JourneyStep;
import dev.flywheel.journey.StepType;
import dev.flywheel.reach.MessageFigures;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Per version and step, in the version's step order: logged outcomes, arms and reach's message counts. */
final class StepTally {
  /** Outcomes that count a step as completed; refusals and exhausted budgets do not. */
  private static final Set<String> GOOD = Set.of("sent", "waiting", "event-arrived", "outcome-recorded", "timed-out", "branched",
      "granted", "tagged", "exited", "date-passed", "no-date");

  private StepTally() {}

  /** One grouped row of {@code journey_steps}. */
  record Row(int version, String step, String type, String outcome, String arm, long runs, long converted) {}

  static List<StepFigures> of(Journey journey, List<Row> rows, List<MessageFigures> messages) {
    List<StepFigures> out = new ArrayList<>();
    for (Journey.Version version : journey.versions()) {
      for (JourneyStep step : version.definition().steps()) {
        out.add(figures(journey.id(), version.version(), step, rows, messages));
      }
    }
    return out;
  }

  private static StepFigures figures(long journeyId, int version, JourneyStep step, List<Row> rows,
      List<MessageFigures> messages) {
    long reached = 0;
    long completed = 0;
    long converted = 0;
    Map<String, Long> arms = new LinkedHashMap<>();
    Map<String, Long> outcomes = new LinkedHashMap<>();
    for (Row r : rows) {
      if (r.version() == version && r.step().equals(step.key())) {
        reached += r.runs();
        completed += GOOD.contains(r.outcome()) ? r.runs() : 0;
        converted += r.converted();
        outcomes.merge(r.outcome(), r.runs(), Long::sum);
        if (r.arm() != null) {
          arms.merge(r.arm(), r.runs(), Long::sum);
        }
      }
    }
    String source = Sources.of(journeyId, version, step.key());
    long planned = 0;
    long sent = 0;
    long delivered = 0;
    long clicked = 0;
    for (MessageFigures f : messages) {
      if (source.equals(f.source())) {
        planned += f.planned();
        sent += f.sent();
        delivered += f.delivered();
        clicked += f.clicked();
      }
    }
    return new StepFigures(version, step.key(), step.type() == null ? StepType.EXIT : step.type(), reached, completed,
        planned, sent, delivered, clicked, converted, arms, outcomes);
  }
}
