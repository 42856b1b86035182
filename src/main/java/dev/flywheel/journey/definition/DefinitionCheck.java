package dev.flywheel.journey.definition;

import dev.flywheel.customer.LifecycleStage;
import dev.flywheel.customer.LoanStage;
import dev.flywheel.customer.Segments;
import dev.flywheel.journey.FunnelTarget;
import dev.flywheel.journey.JourneyDefinition;
import dev.flywheel.journey.JourneyStep;
import dev.flywheel.journey.JourneyTrigger;
import dev.flywheel.platform.web.FieldIssue;
import java.time.LocalTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.springframework.stereotype.Component;

/**
 * Checks a journey definition before it is saved or published; returns every field at fault
 * (empty when fine). Step-level checks live in {@link StepCheck}, the graph checks (unknown step
 * keys, cycles without a wait) in {@link StepGraph}.
 */
@Component
public class DefinitionCheck {
  private static final Set<String> FUNNEL_STAGES = Set.of("entered", "reached", "messages", "sent", "delivered", "clicked");
  private final Fields fields;
  private final Segments segments;
  private final StepCheck steps;

  DefinitionCheck(Fields fields, Segments segments, StepCheck steps) {
    this.fields = fields;
    this.segments = segments;
    this.steps = steps;
  }

  public List<FieldIssue> issues(long tenantId, JourneyDefinition definition) {
    return issues(tenantId, definition, true);
  }

  /**
   * As {@link #issues(long, JourneyDefinition)}; with {@code templatesMustExist} false the reach
   * template keys of send and phone-task steps are not looked up (a draft built from a built-in
   * journey may name copy that is written later; saving or publishing it checks them).
   */
  public List<FieldIssue> issues(long tenantId, JourneyDefinition definition, boolean templatesMustExist) {
    List<FieldIssue> issues = new ArrayList<>();
    if (definition == null) {
      return List.of(new FieldIssue("", "missing-field", "a journey definition is required"));
    }
    if (definition.name() == null || definition.name().isBlank()) {
      issues.add(new FieldIssue("name", "missing-field", "the journey needs a name"));
    }
    trigger(tenantId, definition.trigger(), issues);
    if (definition.goal() != null) {
      fields.eventType(tenantId, "goal.event_type", definition.goal().eventType(), issues);
      fields.condition("goal.condition", definition.goal().condition(), issues);
    }
    for (int i = 0; i < definition.milestones().size(); i++) {
      fields.eventType(tenantId, "milestones[" + i + "]", definition.milestones().get(i), issues);
    }
    targets(definition, issues);
    if (definition.steps().isEmpty()) {
      issues.add(new FieldIssue("steps", "no-steps", "a journey needs at least one step"));
      return issues;
    }
    for (int i = 0; i < definition.steps().size(); i++) {
      steps.issues(tenantId, definition.steps().get(i), "steps[" + i + "].", issues);
      if (templatesMustExist) {
        steps.template(tenantId, definition.steps().get(i), "steps[" + i + "].", issues);
      }
    }
    issues.addAll(StepGraph.issues(definition));
    return issues;
  }

  private void trigger(long tenantId, JourneyTrigger trigger, List<FieldIssue> issues) {
    if (trigger == null || trigger.kind() == null) {
      issues.add(new FieldIssue("trigger.kind", "missing-field",
          "the trigger kind is required: EVENT, SEGMENT_ENTRY, LOAN_STAGE, LIFECYCLE_STAGE or SCHEDULE"));
      return;
    }
    switch (trigger.kind()) {
      case EVENT -> {
        fields.eventType(tenantId, "trigger.event_type", trigger.eventType(), issues);
        if (trigger.condition() != null && !trigger.condition().isBlank()) {
          fields.condition("trigger.condition", trigger.condition(), issues);
        }
      }
      case LOAN_STAGE -> stages(trigger, Arrays.stream(LoanStage.values()).map(Enum::name).toList(), issues);
      case LIFECYCLE_STAGE -> stages(trigger, Arrays.stream(LifecycleStage.values()).map(Enum::name).toList(), issues);
      case SEGMENT_ENTRY -> segment(tenantId, trigger, issues);
      case SCHEDULE -> {
        segment(tenantId, trigger, issues);
        try {
          LocalTime.parse(String.valueOf(trigger.dailyAt()));
        } catch (DateTimeParseException e) {
          issues.add(new FieldIssue("trigger.daily_at", "invalid-time", "daily_at must be HH:mm, e.g. 09:30"));
        }
      }
    }
  }

  private void stages(JourneyTrigger trigger, List<String> known, List<FieldIssue> issues) {
    if (trigger.stages() == null || trigger.stages().isEmpty()) {
      issues.add(new FieldIssue("trigger.stages", "missing-field", "name the stages that start the journey"));
      return;
    }
    for (int i = 0; i < trigger.stages().size(); i++) {
      if (!known.contains(trigger.stages().get(i))) {
        issues.add(new FieldIssue("trigger.stages[" + i + "]", "unknown-stage",
            "unknown stage '" + trigger.stages().get(i) + "'; known: " + String.join(", ", known)));
      }
    }
  }

  private void segment(long tenantId, JourneyTrigger trigger, List<FieldIssue> issues) {
    if (trigger.segmentId() == null || segments.find(tenantId, trigger.segmentId()).isEmpty()) {
      issues.add(new FieldIssue("trigger.segment_id", "unknown-segment", "segment " + trigger.segmentId()
          + " was not found"));
    }
  }

  private static void targets(JourneyDefinition definition, List<FieldIssue> issues) {
    Set<String> known = new java.util.HashSet<>(FUNNEL_STAGES);
    known.addAll(definition.milestones());
    for (int i = 0; i < definition.targets().size(); i++) {
      FunnelTarget target = definition.targets().get(i);
      for (String stage : new String[] {target.from(), target.to()}) {
        if (!known.contains(stage)) {
          issues.add(new FieldIssue("targets[" + i + "]", "unknown-stage", "unknown funnel stage '" + stage
              + "'; known: " + known.stream().sorted().collect(Collectors.joining(", "))));
        }
      }
    }
  }
}
