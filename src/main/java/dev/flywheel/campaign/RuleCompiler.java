package dev.flywheel.campaign;

import dev.flywheel.platform.web.FieldIssue;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import java.util.regex.Pattern;
import org.springframework.stereotype.Component;

/**
 * Compiles and type-checks a plan's rules. Every problem becomes a {@link FieldIssue} whose field
 * names the rule and part ({@code rules[2].condition}) and whose message names the rule id and the
 * 1-based line/column. Thread-safe.
 */
@Component
class RuleCompiler {
  static final String INVALID_RULE = "invalid-rule";
  private static final Pattern RULE_ID = Pattern.compile("[a-z0-9_-]{1,64}");
  private static final Pattern NAME = Pattern.compile("[a-z][a-z0-9_]{0,63}");
  private final RuleLanguage language = new RuleLanguage();

  /** The outcome: programs for every rule, or every issue found. */
  sealed interface Result {
    record Compiled(List<RuleProgram> programs) implements Result {}

    record Invalid(List<FieldIssue> issues) implements Result {}
  }

  /** @param eventTypeExists whether a trigger names a known event type of the tenant */
  Result compile(List<RuleDefinition> rules, Predicate<String> eventTypeExists) {
    List<FieldIssue> issues = new ArrayList<>();
    List<RuleProgram> programs = new ArrayList<>();
    Set<String> ids = new HashSet<>();
    for (int i = 0; i < rules.size(); i++) {
      RuleDefinition rule = rules.get(i);
      String at = "rules[" + i + "]";
      if (rule == null) {
        issues.add(new FieldIssue(at, INVALID_RULE, "rule " + i + " is empty"));
        continue;
      }
      String label = "rule '" + rule.id() + "'";
      if (rule.id() == null || !RULE_ID.matcher(rule.id()).matches()) {
        issues.add(new FieldIssue(at + ".id", INVALID_RULE, "a rule id is 1-64 of a-z, 0-9, '_', '-'"));
      } else if (!ids.add(rule.id())) {
        issues.add(new FieldIssue(at + ".id", INVALID_RULE, label + " appears twice"));
      }
      if (rule.trigger() == null || !eventTypeExists.test(rule.trigger())) {
        issues.add(new FieldIssue(at + ".trigger", "unknown-event-type",
            label + ": no event type '" + rule.trigger() + "'"));
      }
      List<RuleProgram.Part> parts = condition(rule, at, label, issues);
      List<RuleProgram.CompiledEffect> effects = effects(rule, at, label, issues);
      if (issues.isEmpty()) {
        programs.add(new RuleProgram(rule, parts, effects));
      }
    }
    return issues.isEmpty() ? new Result.Compiled(programs) : new Result.Invalid(issues);
  }

  private List<RuleProgram.Part> condition(RuleDefinition rule, String at, String label, List<FieldIssue> issues) {
    String text = rule.condition() == null || rule.condition().isBlank() ? "true" : rule.condition();
    CompiledExpression whole = expression(text, RuleLanguage.Result.BOOL, at + ".condition", label, issues);
    if (whole == null) {
      return List.of();
    }
    List<String> texts = Conditions.parts(text);
    List<RuleProgram.Part> parts = new ArrayList<>();
    for (String part : texts) {
      if (!(language.compile(part, RuleLanguage.Result.BOOL) instanceof RuleLanguage.Compilation.Compiled c)) {
        return List.of(new RuleProgram.Part(text.strip(), whole));
      }
      parts.add(new RuleProgram.Part(part, c.expression()));
    }
    return parts;
  }

  private List<RuleProgram.CompiledEffect> effects(RuleDefinition rule, String at, String label,
      List<FieldIssue> issues) {
    if (rule.effects().isEmpty()) {
      issues.add(new FieldIssue(at + ".effects", INVALID_RULE, label + " has no effect"));
    }
    List<RuleProgram.CompiledEffect> effects = new ArrayList<>();
    for (int j = 0; j < rule.effects().size(); j++) {
      String field = at + ".effects[" + j + "]";
      switch (rule.effects().get(j)) {
        case EffectDefinition.Grant g -> {
          if (g.asset() == null) {
            issues.add(new FieldIssue(field + ".asset", INVALID_RULE, label + ": a grant needs an asset"));
          }
          if (g.asset() == Asset.COUPON && (g.couponTemplate() == null || g.couponTemplate().isBlank())) {
            issues.add(new FieldIssue(field + ".coupon_template", INVALID_RULE,
                label + ": a coupon grant names its coupon template"));
          }
          var amount = expression(g.amount(), RuleLanguage.Result.INT, field + ".amount", label, issues);
          var pending = g.pendingDays() == null ? null
              : expression(g.pendingDays(), RuleLanguage.Result.INT, field + ".pending_days", label, issues);
          var recipient = g.recipient() == null ? null
              : expression(g.recipient(), RuleLanguage.Result.STRING, field + ".recipient", label, issues);
          effects.add(new RuleProgram.CompiledEffect.Grant(g, amount, pending, recipient));
        }
        case EffectDefinition.AddTag t -> {
          if (t.tag() == null || t.tag().isBlank() || t.tag().length() > 64) {
            issues.add(new FieldIssue(field + ".tag", INVALID_RULE, label + ": a tag is 1-64 characters"));
          }
          effects.add(new RuleProgram.CompiledEffect.AddTag(t.tag()));
        }
        case EffectDefinition.Signal s -> {
          if (s.name() == null || !NAME.matcher(s.name()).matches()) {
            issues.add(new FieldIssue(field + ".name", INVALID_RULE,
                label + ": a signal name is lower_snake_case, up to 64 characters"));
          }
          Map<String, CompiledExpression> payload = new LinkedHashMap<>();
          (s.payload() == null ? Map.<String, String>of() : s.payload()).forEach((key, expr) ->
              payload.put(key, expression(expr, RuleLanguage.Result.ANY, field + ".payload." + key, label, issues)));
          effects.add(new RuleProgram.CompiledEffect.Signal(s.name(), payload));
        }
        case null -> issues.add(new FieldIssue(field, INVALID_RULE, label + ": an effect is empty"));
      }
    }
    return effects;
  }

  private CompiledExpression expression(String text, RuleLanguage.Result result, String field, String label,
      List<FieldIssue> issues) {
    return switch (language.compile(text, result)) {
      case RuleLanguage.Compilation.Compiled c -> c.expression();
      case RuleLanguage.Compilation.Invalid invalid -> {
        issues.add(new FieldIssue(field, INVALID_RULE,
            RuleIssue.format(label, field, invalid.line(), invalid.column(), invalid.message())));
        yield null;
      }
    };
  }
}
