package dev.flywheel.journey.definition;

import dev.flywheel.journey.JourneyDefinition;
import dev.flywheel.journey.JourneyStep;
import dev.flywheel.journey.StepType;
import dev.flywheel.platform.web.FieldIssue;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The step graph's checks: unique keys, every named target exists, and no cycle that avoids every
 * wait (such a loop would run forever without time passing).
 */
final class StepGraph {
  private StepGraph() {}

  static List<FieldIssue> issues(JourneyDefinition definition) {
    List<FieldIssue> issues = new ArrayList<>();
    Map<String, Integer> index = new HashMap<>();
    List<JourneyStep> steps = definition.steps();
    for (int i = 0; i < steps.size(); i++) {
      String key = steps.get(i).key();
      if (key != null && index.putIfAbsent(key, i) != null) {
        issues.add(new FieldIssue("steps[" + i + "].key", "duplicate-step-key", "step key '" + key
            + "' is used twice"));
      }
    }
    for (int i = 0; i < steps.size(); i++) {
      for (String target : steps.get(i).targets()) {
        if (!index.containsKey(target)) {
          issues.add(new FieldIssue("steps[" + i + "]", "unknown-step", "step '" + steps.get(i).key()
              + "' leads to unknown step '" + target + "'"));
        }
      }
    }
    if (issues.isEmpty()) {
      cycle(definition).ifPresent(at -> issues.add(new FieldIssue("steps[" + at + "]", "cycle-without-wait",
          "step '" + steps.get(at).key() + "' is on a loop with no WAIT step")));
    }
    return issues;
  }

  /** Where each step may go next, implicit "next in the list" included. */
  static List<String> successors(JourneyDefinition definition, JourneyStep step) {
    List<String> out = new ArrayList<>(step.targets());
    boolean implicit = step.type() != StepType.EXIT && step.next() == null
        && !(step.type() == StepType.BRANCH && (step.arms() != null || step.otherwise() != null))
        && !(step.type() == StepType.WAIT && step.onEvent() != null);
    if (implicit) {
      definition.following(step).ifPresent(s -> out.add(s.key()));
    }
    return out;
  }

  /** The index of a step on a loop made only of non-WAIT steps, if any. */
  private static java.util.Optional<Integer> cycle(JourneyDefinition definition) {
    Set<String> done = new HashSet<>();
    for (JourneyStep start : definition.steps()) {
      Integer found = visit(definition, start, new HashSet<>(), done);
      if (found != null) {
        return java.util.Optional.of(found);
      }
    }
    return java.util.Optional.empty();
  }

  private static Integer visit(JourneyDefinition definition, JourneyStep step, Set<String> path, Set<String> done) {
    if (step.type() == StepType.WAIT || done.contains(step.key())) {
      return null;
    }
    if (!path.add(step.key())) {
      return definition.steps().indexOf(step);
    }
    for (String next : successors(definition, step)) {
      Integer found = definition.step(next).map(s -> visit(definition, s, path, done)).orElse(null);
      if (found != null) {
        return found;
      }
    }
    path.remove(step.key());
    done.add(step.key());
    return null;
  }
}
