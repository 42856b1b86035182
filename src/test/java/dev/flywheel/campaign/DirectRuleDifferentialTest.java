package dev.flywheel.campaign;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cel.runtime.CelEvaluationException;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Differential proof of the direct (compiled-closure) form of rules: every template's rules and a
 * corpus of operator-style expressions, against thousands of random events and customers, decide
 * exactly as the CEL interpreter alone — same decision, same explanation, same error message — and
 * every value the direct form gives itself equals the interpreter's (same class, same value).
 */
class DirectRuleDifferentialTest {
  static final Set<String> TYPES = Set.of("registered", "investment", "share", "page_view", "app_login", "repayment");
  static final int ACTIVATIONS = Integer.getInteger("flywheel.rules.differential.activations", 3_000);
  final RuleCompiler compiler = new RuleCompiler();
  final CampaignTemplates templates = new CampaignTemplates();

  /** Conditions in the subset (the direct form must exist) — every node kind the compiler handles. */
  static final List<String> DIRECT = List.of(
      "true", "false", "is_first_today", "!is_first_ever", "is_first_today && is_first_ever",
      "is_first_today || is_first_ever", "!(is_first_today || !is_first_ever)",
      "event.amount_fen >= 100000", "event.amount_fen > 0 && event.amount_fen <= 5000000",
      "event.amount > 1000.0", "event.amount >= 1000", "event.amount_fen == 100000.0",
      "event.amount_fen * 1000 > 0", "event.amount_fen + event.attributes.n > 0", "event.attributes.n - 1 < 0",
      "-event.attributes.n < 0", "event.amount_fen / event.attributes.n > 1", "event.amount_fen % event.attributes.n == 0",
      "event.attributes.n * 2 > 0", "event.attributes.n + 1 > event.attributes.n", "event.attributes.n / -1 != 0",
      "event.attributes.n % -1 == 0", "event.amount_fen - event.attributes.n > 0",
      "event.attributes.n * event.attributes.n >= 0", "-1 * event.attributes.n != 0", "0 - event.attributes.n < 1",
      "event.attributes.n * -1 < 0", "event.attributes.n + event.attributes.n != 1", "event.amount_fen - 3 * event.amount_fen / 7 > 10",
      "event.attributes.rate * 2.0 > 1.0", "event.attributes.rate / 0.0 > 1.0", "-event.attributes.rate < 0.0",
      "event.attributes.rate == event.attributes.rate", "event.attributes.rate == 0.0", "event.attributes.rate != 0.0",
      "event.attributes.rate + 1.5 - 0.5 >= 1.0", "event.attributes.rate > 1",
      "double(event.amount_fen) / 100.0 == event.amount", "int(event.attributes.rate) >= 1",
      "int(event.attributes.term_days) >= 30", "event.attributes.term_days >= 30", "event.attributes.term_days == 90",
      "event.attributes.term_days == 90.0", "double(event.attributes.term_days) > 29.5",
      "int(event.attributes.big) > 0", "int(event.attributes.target) > 5",
      "string(event.amount_fen) == \"100000\"", "string(event.attributes.term_days).startsWith(\"9\")",
      "event.attributes.target == \"june-gift\"", "event.attributes.target != \"june-gift\"",
      "event.attributes.target.startsWith(\"june\")", "event.attributes.target.endsWith(\"gift\")",
      "event.attributes.target.contains(\"-\")", "size(event.attributes.target) > 4",
      "event.attributes.target.size() <= 9", "event.attributes.target + \"!\" == \"june-gift!\"",
      "has(event.attributes.settled) && event.attributes.settled == true",
      "has(event.attributes.loan_id) ? event.attributes.loan_id != \"\" : false",
      "!has(event.attributes.term_days) || event.attributes.term_days > 7",
      "\"loan\" in customer.tags", "\"vip\" in customer.tags && customer.lifecycle_stage in [\"DORMANT\", \"POTENTIALLY_DORMANT\"]",
      "customer.lifecycle_stage in [\"ACTIVE\"] || customer.loan_stage == \"REPAYING\"",
      "event.attributes.term_days in [30, 60, 90]", "event.attributes.term_days in [30, 60.0, \"90\"]",
      "\"target\" in event.attributes", "event.attributes.target in [customer.id, \"june-gift\"]",
      "event.attributes.target in event.attributes.list", "event.attributes[\"target\"] == \"june-gift\"",
      "customer.tags[0] == \"loan\"", "size(customer.tags) >= 2", "size(event.attributes) > 3",
      "event.attributes.list[1] == \"x\"", "event.attributes.list[event.attributes.n] == 1",
      "size(event.attributes.list) == 2", "event.attributes.nested.a == 1", "has(event.attributes.nested.a)",
      "count_today(\"investment\") <= 3", "count_today(\"share\") == 0", "count_today(event.type) > 1",
      "customer.invited_by != \"\" && is_first_ever", "customer.attributes.score > 600",
      "customer.attributes.level == \"gold\" || customer.attributes.score >= 700.5",
      "event.attributes.flag && false", "is_first_today && event.attributes.flag",
      "is_first_today || event.attributes.flag", "(event.attributes.flag ? true : false) || true", "event.attributes.flag || true", "event.attributes.flag",
      "event.attributes.missing > 1 && false", "false && event.attributes.missing > 1",
      "event.attributes.missing > 1 || true", "event.attributes.missing > 1 || event.amount_fen > 0",
      "event.attributes.missing > 1 && event.amount_fen > 0", "is_first_today && event.attributes.missing > 1",
      "(event.amount_fen >= 100000 && int(event.attributes.term_days) >= 30) || (event.amount_fen >= 1000000 "
          + "&& int(event.attributes.term_days) >= 90)",
      "event.amount_fen > 100000 ? count_today(\"investment\") < 3 : is_first_today",
      "(event.attributes.term_days > 30 ? event.attributes.target : customer.id) == \"c1\"",
      "event.channel == \"app\" && event.type == \"investment\"", "event.id.startsWith(\"e\")",
      "event.attributes.emoji.size() == 1", "size(event.attributes.emoji) == 2",
      "customer.attributes.score * 2 > 1000 && customer.id != \"\"",
      "[1, 2, event.amount_fen][2] > 0", "event.attributes.emoji > \"a\"");

  /** Conditions outside the subset: interpreted, and still decided identically. */
  static final List<String> INTERPRETED = List.of(
      "customer.tags.exists(t, t == \"vip\")", "event.occurred_at > timestamp(\"2025-01-01T00:00:00Z\")",
      "event.attributes.target.matches(\"^june\")", "event.attributes.target == null", "1u < 2u",
      "{\"a\": 1}.a == event.attributes.n",
      "is_first_today && customer.tags.all(t, t.size() > 2)");

  /** Amount expressions (int), recipients (string) and payloads (any) for the corpus rules. */
  static final List<String> AMOUNTS = List.of("event.amount_fen / 1000", "event.amount_fen * 3 / 1000",
      "int(event.amount * 10.0)", "event.amount_fen > 100000 ? 5 : 1", "size(customer.tags)",
      "count_today(\"investment\") * 2", "event.amount_fen * 2", "event.attributes.n / 2 + 1",
      "int(event.attributes.term_days)", "event.amount_fen % 7 - 3");

  static final List<String> PAYLOADS = List.of("customer.id", "event.attributes.target", "event.amount / 3.0",
      "event.attributes.term_days", "customer.tags", "event.attributes", "event.amount_fen > 5",
      "has(event.attributes.loan_id) ? event.attributes.loan_id : \"\"", "event.attributes.rate * 2.0");

  record Tally(int[] direct, int[] asked) {}

  @Test
  void directAndInterpretedRulesDecideAndExplainAlike() {
    List<RuleProgram> programs = new ArrayList<>(templateRules());
    assertThat(programs).as("every template's rules are fully direct").allMatch(RuleProgram::fullyDirect);
    int templateRules = programs.size();
    for (int i = 0; i < DIRECT.size(); i++) {
      RuleProgram p = corpusRule(i, DIRECT.get(i));
      assertThat(p.fullyDirect()).as(DIRECT.get(i)).isTrue();
      programs.add(p);
    }
    for (int i = 0; i < INTERPRETED.size(); i++) {
      RuleProgram p = corpusRule(DIRECT.size() + i, INTERPRETED.get(i));
      assertThat(p.fullyDirect()).as(INTERPRETED.get(i)).isFalse();
      programs.add(p);
    }
    Random random = new Random(20261125L);
    long directAnswers = 0;
    long interpreterAnswers = 0;
    Map<String, Long> answeredByExpression = new HashMap<>();
    for (int n = 0; n < ACTIVATIONS; n++) {
      Activation activation = randomActivation(random);
      for (RuleProgram program : programs) {
        assertThat(program.evaluate(activation)).as("%s on %s", program.definition(), activation.variables())
            .isEqualTo(program.interpreted(activation));
        for (CompiledExpression e : program.expressions()) {
          Object direct = e.direct(activation);
          if (direct == DirectExpression.ASK_CEL) {
            interpreterAnswers++;
            continue;
          }
          directAnswers++;
          answeredByExpression.merge(String.valueOf(System.identityHashCode(e)), 1L, Long::sum);
          Object interpreted;
          try {
            interpreted = e.interpret(activation);
          } catch (CelEvaluationException error) {
            throw new AssertionError("direct form answered " + direct + " where CEL fails (" + error.getMessage()
                + ") in " + program.definition() + " on " + activation.variables());
          }
          assertThat(direct).as("%s on %s", program.definition(), activation.variables())
              .isEqualTo(interpreted).hasSameClassAs(interpreted);
        }
      }
    }
    System.out.printf("differential: %d rules (%d from templates) x %d activations; %d direct answers, %d asked CEL%n",
        programs.size(), templateRules, ACTIVATIONS, directAnswers, interpreterAnswers);
    assertThat(directAnswers).isGreaterThan(interpreterAnswers);
    assertThat(answeredByExpression.size()).as("expressions the direct form answered at least once")
        .isGreaterThan(DIRECT.size());
  }

  @Test
  void explanationsNameTheFirstFalsePartAndErrorsKeepCelsMessage() {
    RuleProgram p = corpusRule(0, "is_first_today && event.attributes.term_days > 7 && event.amount_fen >= 1000");
    Activation noTerm = Activation.builder("investment").amount("5000").firstToday(true).build();
    Decision.DoesNotApply error = (Decision.DoesNotApply) p.evaluate(noTerm);
    assertThat(error.why()).isEqualTo(Decision.Why.EVALUATION_ERROR);
    assertThat(error.condition()).isEqualTo("event.attributes.term_days > 7");
    assertThat(error).isEqualTo(p.interpreted(noTerm));
    Activation small = Activation.builder("investment").amount("5").attribute("term_days", 30).firstToday(true).build();
    assertThat(p.evaluate(small)).isEqualTo(new Decision.DoesNotApply("r0", Decision.Why.CONDITION_FALSE,
        "event.amount_fen >= 1000", "part 3 of 3 is false: event.amount_fen >= 1000")).isEqualTo(p.interpreted(small));
    RuleProgram overflow = corpusRule(1, "event.amount_fen * 10000000000 > 0");
    Activation big = Activation.builder("investment").amount("90000000000").build();
    assertThat(overflow.evaluate(big)).isInstanceOfSatisfying(Decision.DoesNotApply.class,
        no -> assertThat(no.why()).isEqualTo(Decision.Why.EVALUATION_ERROR)).isEqualTo(overflow.interpreted(big));
  }

  private RuleProgram corpusRule(int i, String condition) {
    List<EffectDefinition> effects = List.of(
        new EffectDefinition.Grant(Asset.POINTS, AMOUNTS.get(i % AMOUNTS.size()), null,
            i % 3 == 0 ? "event.attributes.n" : null, i % 4 == 1 ? "customer.invited_by" : null),
        new EffectDefinition.AddTag("t" + i),
        new EffectDefinition.Signal("s", Map.of("v", PAYLOADS.get(i % PAYLOADS.size()))));
    var result = compiler.compile(List.of(new RuleDefinition("r" + i, "r" + i, "investment", condition, effects)),
        TYPES::contains);
    assertThat(result).as(condition).isInstanceOf(RuleCompiler.Result.Compiled.class);
    return ((RuleCompiler.Result.Compiled) result).programs().getFirst();
  }

  private List<RuleProgram> templateRules() {
    Map<String, Map<String, Object>> parameters = new LinkedHashMap<>();
    parameters.put("newbie_benefits", Map.of("coupon_template", "welcome-10", "coupons", 3,
        "first_investment_coupon_template", "first-20"));
    parameters.put("invitation_reward", Map.of("min_first_investment", 1000, "inviter_reward", "50",
        "invitee_reward", 20));
    parameters.put("red_envelope_sharing", Map.of("share_target", "june-gift", "total", 10, "parts", 5,
        "min_part", "0.5", "max_part", 4));
    parameters.put("first_investment_points", Map.of());
    parameters.put("investment_cash_back_tiers", Map.of("tiers", List.of(
        Map.of("min_amount", 1000, "min_term_days", 30, "rate_percent", "0.5"),
        Map.of("min_amount", 10000, "min_term_days", 90, "rate_percent", 1))));
    parameters.put("full_amount_cash_back", Map.of("threshold", 50000, "cash_back", 200));
    parameters.put("short_term_rate_boost", Map.of("extra_rate_percent", "1.5", "max_term_days", 90));
    parameters.put("site_wide_rate_boost", Map.of("extra_rate_percent", "0.5", "product", "p90"));
    parameters.put("rate_coupon_grab", Map.of("coupon_template", "rate-plus-1", "stock", 500,
        "per_customer_limit", 2, "page", "grab"));
    parameters.put("investment_lottery", Map.of());
    parameters.put("old_user_coupons", Map.of("coupon_template", "come-back-5"));
    parameters.put("credit_line_raise", Map.of("raise_amount", 5000));
    assertThat(parameters.keySet()).containsExactlyElementsOf(
        templates.list().stream().map(TemplateDescription::key).toList());
    List<RuleProgram> programs = new ArrayList<>();
    parameters.forEach((key, params) -> {
      var produced = (CampaignTemplates.Production.Produced) templates.produce(key, params);
      var compiled = compiler.compile(produced.rules(), TYPES::contains);
      programs.addAll(((RuleCompiler.Result.Compiled) compiled).programs());
    });
    return programs;
  }

  private static <T> T pick(Random r, List<T> values) {
    return values.get(r.nextInt(values.size()));
  }

  /** Random events and customers, with the awkward values rules meet: missing, null, extremes, NaN. */
  static Activation randomActivation(Random r) {
    String type = r.nextInt(10) < 7 ? "investment" : pick(r, List.of("share", "page_view", "app_login",
        "repayment", "registered"));
    Activation.Builder b = Activation.builder(type).eventId(pick(r, List.of("e1", "x9", "")))
        .occurredAt(Instant.parse("2025-06-01T00:00:00Z").plusSeconds(r.nextInt(100_000_000)))
        .channel(pick(r, List.of("app", "web", "")));
    if (r.nextInt(8) > 0) {
      b.amount(pick(r, List.of("0", "0.01", "5", "999.99", "1000.00", "1000.01", "1234.56", "50000", "100000",
          "90000000000000000", BigDecimal.valueOf(r.nextLong(0, 20_000_000), 2).toPlainString())));
    }
    attribute(r, b, "term_days", List.of(7, 30, 60, 89, 90, 91, 365, 30L, 90.0, 30.5, "90", true,
        BigDecimal.valueOf(90), new BigDecimal("90.5")));
    attribute(r, b, "target", List.of("june-gift", "june", "other-gift", "", "c1", 42L, "june-gift!"));
    attribute(r, b, "page", List.of("grab", "home"));
    attribute(r, b, "product", List.of("p90", "p30", 90));
    attribute(r, b, "settled", List.of(true, false, "true"));
    attribute(r, b, "loan_id", List.of("L1", "", 17L));
    attribute(r, b, "rate", List.of(0.0, -0.0, 1.5, -2.25, Double.NaN, Double.POSITIVE_INFINITY, 1e300, 3L));
    attribute(r, b, "n", List.of(0L, 1L, -1L, 2L, Long.MAX_VALUE, Long.MIN_VALUE, 1_000_000_007L, 2.0, "n"));
    attribute(r, b, "big", List.of(1e19, -1e19, 9.2e18, 1e18, -3.7, 3.7, Double.NaN));
    attribute(r, b, "flag", List.of(true, false, "yes", 1L));
    attribute(r, b, "emoji", List.of("😀", "a😀", "é", "ab"));
    attribute(r, b, "list", List.of(List.of(1, "x"), List.of("june-gift", "c1"), List.of(), List.of(1L, 2L)));
    attribute(r, b, "nested", List.of(Map.of("a", 1), Map.of("a", "1"), Map.of("b", 2), List.of(1)));
    if (r.nextInt(20) == 0) {
      b.attribute("target", null);
    }
    List<String> tags = new ArrayList<>();
    for (String tag : List.of("loan", "vip", "new", "😀")) {
      if (r.nextInt(3) == 0) {
        tags.add(tag);
      }
    }
    Map<String, Object> customerAttributes = new HashMap<>();
    if (r.nextBoolean()) {
      customerAttributes.put("score", pick(r, List.of(600, 601, 700.5, 800L, "high")));
    }
    if (r.nextBoolean()) {
      customerAttributes.put("level", pick(r, List.of("gold", "silver")));
    }
    b.customer(new Activation.CustomerFacts(pick(r, List.of("c1", "c2", "")), tags,
        pick(r, List.of("", "REPAYING", "REPAID")), pick(r, List.of("", "ACTIVE", "DORMANT", "POTENTIALLY_DORMANT")),
        pick(r, List.of("", "ads")), pick(r, List.of("", "c9")), r.nextBoolean() ? null : Instant.EPOCH,
        customerAttributes));
    b.countToday("investment", r.nextInt(8)).firstToday(r.nextBoolean()).firstEver(r.nextBoolean());
    if (r.nextBoolean()) {
      b.countToday("share", r.nextInt(3));
    }
    return b.build();
  }

  private static void attribute(Random r, Activation.Builder b, String name, List<?> values) {
    if (r.nextInt(4) > 0) {
      b.attribute(name, pick(r, values));
    }
  }

}
