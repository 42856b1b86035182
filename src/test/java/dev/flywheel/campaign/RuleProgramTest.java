package dev.flywheel.campaign;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flywheel.platform.web.FieldIssue;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The rule language: checked on save with rule + position, evaluated as a pure function. */
class RuleProgramTest {
  static final Set<String> TYPES = Set.of("investment", "registered", "share", "app_login");
  final RuleCompiler compiler = new RuleCompiler();

  static RuleDefinition rule(String id, String condition, EffectDefinition... effects) {
    return new RuleDefinition(id, id, "investment", condition, List.of(effects));
  }

  RuleProgram compiled(RuleDefinition rule) {
    var result = compiler.compile(List.of(rule), TYPES::contains);
    assertThat(result).isInstanceOf(RuleCompiler.Result.Compiled.class);
    return ((RuleCompiler.Result.Compiled) result).programs().getFirst();
  }

  List<FieldIssue> issues(RuleDefinition... rules) {
    var result = compiler.compile(List.of(rules), TYPES::contains);
    assertThat(result).isInstanceOf(RuleCompiler.Result.Invalid.class);
    return ((RuleCompiler.Result.Invalid) result).issues();
  }

  @Test
  void pointsAtTenToOneRoundDownFromExactFen() {
    var program = compiled(rule("points", "is_first_today && event.amount_fen >= 1000",
        EffectDefinition.Grant.of(Asset.POINTS, "event.amount_fen / 1000")));
    var decision = program.evaluate(Activation.builder("investment").amount("1234.56").firstToday(true).build());
    assertThat(decision).isEqualTo(new Decision.Applies("points",
        List.of(new ComputedEffect.Grant(Asset.POINTS, 123, null, 0, null))));

    var second = program.evaluate(Activation.builder("investment").amount("1234.56").firstToday(false).build());
    assertThat(second).isInstanceOfSatisfying(Decision.DoesNotApply.class, no -> {
      assertThat(no.why()).isEqualTo(Decision.Why.CONDITION_FALSE);
      assertThat(no.condition()).isEqualTo("is_first_today");
      assertThat(no.detail()).contains("part 1 of 2");
    });
  }

  @Test
  void countersAttributesCustomerAndTimestampsAreVariables() {
    var program = compiled(rule("mix", """
        count_today("investment") <= 3 && event.attributes.term_days >= 30
          && "vip" in customer.tags && customer.lifecycle_stage in ["DORMANT", "POTENTIALLY_DORMANT"]
          && event.occurred_at > timestamp("2020-01-01T00:00:00Z")""",
        EffectDefinition.Grant.of(Asset.CASH_BACK, "int(event.attributes.term_days) * 10"),
        new EffectDefinition.AddTag("mixed"),
        new EffectDefinition.Signal("credit_line_raise", Map.of("raise_fen", "500000", "customer", "customer.id"))));
    var customer = new Activation.CustomerFacts("c1", List.of("vip"), "REPAID", "DORMANT", "", "", null, Map.of());
    var yes = Activation.builder("investment").amount("100").attribute("term_days", 90).countToday("investment", 2)
        .occurredAt(java.time.Instant.parse("2025-06-01T00:00:00Z")).customer(customer).build();
    assertThat(program.evaluate(yes)).isEqualTo(new Decision.Applies("mix", List.of(
        new ComputedEffect.Grant(Asset.CASH_BACK, 900, null, 0, null), new ComputedEffect.AddTag("mixed"),
        new ComputedEffect.Signal("credit_line_raise", Map.of("raise_fen", 500000L, "customer", "c1")))));

    var busy = Activation.builder("investment").amount("100").attribute("term_days", 90).countToday("investment", 4)
        .customer(customer).build();
    assertThat(program.evaluate(busy)).isInstanceOfSatisfying(Decision.DoesNotApply.class,
        no -> assertThat(no.condition()).isEqualTo("count_today(\"investment\") <= 3"));
  }

  @Test
  void aMissingAttributeIsAnEvaluationErrorNeverAGrant() {
    var program = compiled(rule("term", "event.attributes.term_days > 7", EffectDefinition.Grant.of(Asset.POINTS, "1")));
    assertThat(program.evaluate(Activation.builder("investment").build()))
        .isInstanceOfSatisfying(Decision.DoesNotApply.class,
            no -> assertThat(no.why()).isEqualTo(Decision.Why.EVALUATION_ERROR));
    assertThat(program.evaluate(Activation.builder("share").build()))
        .isInstanceOfSatisfying(Decision.DoesNotApply.class,
            no -> assertThat(no.why()).isEqualTo(Decision.Why.OTHER_EVENT_TYPE));
  }

  @Test
  void aZeroAmountGrantsNothing() {
    var program = compiled(rule("p", "", EffectDefinition.Grant.of(Asset.POINTS, "event.amount_fen / 1000")));
    assertThat(program.evaluate(Activation.builder("investment").amount("9.99").build()))
        .isInstanceOfSatisfying(Decision.DoesNotApply.class,
            no -> assertThat(no.why()).isEqualTo(Decision.Why.NOTHING_TO_GRANT));
  }

  @Test
  void errorsNameTheRuleFieldAndPosition() {
    var ok = rule("ok", "true", EffectDefinition.Grant.of(Asset.POINTS, "1"));
    var typo = rule("typo", "is_first_today &&\n  event.amout_fen > 10", EffectDefinition.Grant.of(Asset.POINTS, "1"));
    var notBool = rule("not-bool", "event.amount_fen + 1", EffectDefinition.Grant.of(Asset.POINTS, "1"));
    var badAmount = rule("bad-amount", "true", EffectDefinition.Grant.of(Asset.POINTS, "\"ten\""));
    var undeclared = rule("undeclared", "points > 3", EffectDefinition.Grant.of(Asset.POINTS, "1"));

    List<FieldIssue> found = issues(ok, typo, notBool, badAmount, undeclared);
    assertThat(found).extracting(FieldIssue::field).containsExactly("rules[1].condition", "rules[2].condition",
        "rules[3].effects[0].amount", "rules[4].condition");
    assertThat(found).extracting(FieldIssue::code).containsOnly("invalid-rule");
    assertThat(found.get(0).message()).contains("rule 'typo'").contains("line 2, column 8").contains("amout_fen");
    assertThat(found.get(3).message()).contains("rule 'undeclared'").contains("line 1, column 1")
        .contains("points");
  }

  @Test
  void structuralMistakesAreRefused() {
    var unknownType = new RuleDefinition("x", "x", "moon_landing", "true",
        List.of(EffectDefinition.Grant.of(Asset.POINTS, "1")));
    var couponWithoutTemplate = rule("y", "true", EffectDefinition.Grant.of(Asset.COUPON, "1"));
    var duplicate = rule("y", "true", new EffectDefinition.AddTag("t"));
    var noEffect = rule("Bad Id", "true");
    List<FieldIssue> found = issues(unknownType, couponWithoutTemplate, duplicate, noEffect);
    assertThat(found).extracting(FieldIssue::field).containsExactly("rules[0].trigger",
        "rules[1].effects[0].coupon_template", "rules[2].id", "rules[3].id", "rules[3].effects");
    assertThat(found.getFirst().code()).isEqualTo("unknown-event-type");
  }

  @Test
  void conditionsSplitOnlyAtTopLevelConjunctions() {
    assertThat(Conditions.parts("a && (b || c) && d == \"x && y\"")).containsExactly("a", "(b || c)", "d == \"x && y\"");
    assertThat(Conditions.parts("a && b || c")).containsExactly("a && b || c");
    assertThat(Conditions.parts("a ? b && c : d")).containsExactly("a ? b && c : d");
  }
}
