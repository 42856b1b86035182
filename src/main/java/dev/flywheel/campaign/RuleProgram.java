package dev.flywheel.campaign;

import dev.cel.runtime.CelEvaluationException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One compiled rule: a pure function from an {@link Activation} to a {@link Decision}. Writes
 * nothing, reads no clock; immutable and thread-safe.
 *
 * <p>The condition's top-level {@code &&} parts are evaluated in order and the first one that is
 * not true decides (its text is the explanation). Each expression runs in its direct form
 * (compiled closures) where it has one, and through the CEL interpreter when the direct form is
 * not sure ({@link CompiledExpression}); {@link #interpreted} runs the interpreter alone and
 * decides identically.
 */
public final class RuleProgram {
  private final RuleDefinition definition;
  private final List<Part> condition;
  private final List<CompiledEffect> effects;
  /** Per condition part, the decision when it is false: built once, so a "no" allocates nothing. */
  private final List<Decision.DoesNotApply> whenFalse;

  record Part(String text, CompiledExpression expression) {}

  sealed interface CompiledEffect {
    record Grant(EffectDefinition.Grant definition, CompiledExpression amount, CompiledExpression pendingDays,
        CompiledExpression recipient) implements CompiledEffect {}

    record AddTag(String tag) implements CompiledEffect {}

    record Signal(String name, Map<String, CompiledExpression> payload) implements CompiledEffect {}
  }

  RuleProgram(RuleDefinition definition, List<Part> condition, List<CompiledEffect> effects) {
    this.definition = definition;
    this.condition = List.copyOf(condition);
    this.effects = List.copyOf(effects);
    List<Decision.DoesNotApply> no = new ArrayList<>();
    for (int i = 0; i < condition.size(); i++) {
      String text = condition.get(i).text();
      String which = condition.size() == 1 ? "the condition" : "part " + (i + 1) + " of " + condition.size();
      no.add(new Decision.DoesNotApply(definition.id(), Decision.Why.CONDITION_FALSE, text,
          which + " is false: " + text));
    }
    this.whenFalse = List.copyOf(no);
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
    return evaluate(activation, true);
  }

  /** The same decision through the CEL interpreter alone: the reference for tests and benchmarks. */
  Decision interpreted(Activation activation) {
    return evaluate(activation, false);
  }

  /** Whether every expression of the rule has a direct form (else those are always interpreted). */
  boolean fullyDirect() {
    return expressions().stream().allMatch(x -> x.direct() != null);
  }

  /** Every expression of the rule: condition parts, then effects' expressions. */
  List<CompiledExpression> expressions() {
    List<CompiledExpression> all = new ArrayList<>();
    condition.forEach(p -> all.add(p.expression()));
    for (CompiledEffect e : effects) {
      switch (e) {
        case CompiledEffect.Grant g -> java.util.stream.Stream.of(g.amount(), g.pendingDays(), g.recipient())
            .filter(java.util.Objects::nonNull).forEach(all::add);
        case CompiledEffect.AddTag t -> { }
        case CompiledEffect.Signal s -> all.addAll(s.payload().values());
      }
    }
    return all;
  }

  private Decision evaluate(Activation activation, boolean direct) {
    String id = definition.id();
    if (!definition.trigger().equals(activation.eventType())) {
      return new Decision.DoesNotApply(id, Decision.Why.OTHER_EVENT_TYPE, null,
          "listens to " + definition.trigger() + ", not " + activation.eventType());
    }
    String current = null;
    try {
      for (int i = 0; i < condition.size(); i++) {
        Part part = condition.get(i);
        current = part.text();
        if (!Boolean.TRUE.equals(part.expression().eval(activation, direct))) {
          return whenFalse.get(i);
        }
      }
      current = null;
      List<ComputedEffect> computed = new ArrayList<>(effects.size());
      for (CompiledEffect effect : effects) {
        switch (effect) {
          case CompiledEffect.Grant g -> {
            long amount = asLong(g.amount().eval(activation, direct), "amount");
            if (amount > 0) {
              int pending = g.pendingDays() == null ? 0
                  : (int) Math.clamp(asLong(g.pendingDays().eval(activation, direct), "pending_days"), 0, 36_500);
              String recipient = g.recipient() == null ? null : String.valueOf(g.recipient().eval(activation, direct));
              computed.add(new ComputedEffect.Grant(g.definition().asset(), amount, g.definition().couponTemplate(),
                  pending, recipient == null || recipient.isEmpty() ? null : recipient));
            }
          }
          case CompiledEffect.AddTag t -> computed.add(new ComputedEffect.AddTag(t.tag()));
          case CompiledEffect.Signal s -> {
            Map<String, Object> payload = new LinkedHashMap<>();
            for (var entry : s.payload().entrySet()) {
              payload.put(entry.getKey(), entry.getValue().eval(activation, direct));
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
