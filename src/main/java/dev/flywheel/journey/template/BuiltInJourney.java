package dev.flywheel.journey.template;

import dev.flywheel.journey.JourneyDefinition;
import dev.flywheel.journey.JourneyTemplate;

/** One built-in journey: its form and how the form becomes steps. */
interface BuiltInJourney {
  JourneyTemplate describe();

  JourneyDefinition build(Params params);
}
