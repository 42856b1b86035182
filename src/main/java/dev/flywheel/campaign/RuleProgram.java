package dev.flywheel.campaign;

import dev.cel.runtime.CelEvaluationException;
import dev.cel.runtime.CelLateFunctionBindings;
import dev.cel.runtime.CelRuntime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One compiled rule: a pure function from an {@link Activation} to a {@link Decision}. Writes
 * nothing, reads no clock; immutable and thread-safe.
 */
public final class RuleProgram {
  private final RuleDefinition definition;
  private final List<Part> condition;
  private final List<CompiledEffect> effects;

  record Part(String text, CelRuntime.Program program) {}

  sealed interface CompiledEffect {
    record Grant(EffectDefinition.Grant definition, CelRuntime.Program amount, CelRuntime.Program pendingDays,
        CelRuntime.Program recipient) implements CompiledEffect {}

    record AddTag(String tag) implements CompiledEffect {}

    record Signal(String name, Map<String, CelRuntime.Program> payload) implements CompiledEffect {}
  }

  RuleProgram(RuleDefinition definition, List<Part> condition, List<CompiledEffect> effects) {
    this.definition = definition;
    this.condition = List.copyOf(condition);
    this.effects = List.copyOf(effects);
  }

  public RuleDefinition definition() {
    return definition;
  }

  public String ruleId() {
    return definition.id();
  }

  public String trigger() {
    return definition.trigger();
  }

  public Decision evaluate(Activation activation) {
    String id = definition.id();
    if (!definition.trigger().equals(activation.eventType())) {
      return new Decision.DoesNotApply(id, Decision.Why.OTHER_EVENT_TYPE, null,
          "listens to " + definition.trigger() + ", not " + activation.eventType());
    }
    CelLateFunctionBindings functions = activation.functions();
    Map<String, Object> variables = activation.variables();
    String current = null;
    try {
      for (int i = 0; i < condition.size(); i++) {
        Part part = condition.get(i);
        current = part.text();
        if (!Boolean.TRUE.equals(part.program().eval(variables, functions))) {
          String which = condition.size() == 1 ? "the condition" : "part " + (i + 1) + " of " + condition.size();
          return new Decision.DoesNotApply(id, Decision.Why.CONDITION_FALSE, part.text(),
              which + " is false: " + part.text());
        }
      }
      current = null;
      List<ComputedEffect> computed = new ArrayList<>();
      for (CompiledEffect effect : effects) {
        switch (effect) {
          case CompiledEffect.Grant g -> {
            long amount = asLong(g.amount().eval(variables, functions), "amount");
            if (amount > 0) {
              int pending = g.pendingDays() == null ? 0
                  : (int) Math.clamp(asLong(g.pendingDays().eval(variables, functions), "pending_days"), 0, 36_500);
              String recipient = g.recipient() == null ? null : String.valueOf(g.recipient().eval(variables, functions));
              computed.add(new ComputedEffect.Grant(g.definition().asset(), amount, g.definition().couponTemplate(),
                  pending, recipient == null || recipient.isEmpty() ? null : recipient));
            }
          }
          case CompiledEffect.AddTag t -> computed.add(new ComputedEffect.AddTag(t.tag()));
          case CompiledEffect.Signal s -> {
            Map<String, Object> payload = new LinkedHashMap<>();
            for (var entry : s.payload().entrySet()) {
              payload.put(entry.getKey(), entry.getValue().eval(variables, functions));
            }
            computed.add(new ComputedEffect.Signal(s.name(), payload));
          }
        }
      }
      if (computed.isEmpty()) {
        return new Decision.DoesNotApply(id, Decision.Why.NOTHING_TO_GRANT, null, "every amount was zero");
      }
      return new Decision.Applies(id, computed);
    } catch (CelEvaluationException | IllegalStateException e) {
      return new Decision.DoesNotApply(id, Decision.Why.EVALUATION_ERROR, current, e.getMessage());
    }
  }

  private static long asLong(Object value, String what) {
    if (value instanceof Long l) {
      return l;
    }
    throw new IllegalStateException(what + " is not an int but " + (value == null ? "null" : value.getClass().getSimpleName()));
  }
}
