package dev.flywheel.campaign;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flywheel.platform.web.FieldIssue;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Every template's rules compile and decide like the seeds say on sample activations. */
class CampaignTemplatesTest {
  static final Set<String> TYPES = Set.of("registered", "investment", "share", "page_view", "app_login", "repayment");
  final CampaignTemplates templates = new CampaignTemplates();
  final RuleCompiler compiler = new RuleCompiler();

  record Produced(List<RuleProgram> programs, Caps caps, Map<Asset, Long> budget) {
    Decision decide(Activation activation) {
      return programs.stream().map(p -> p.evaluate(activation))
          .filter(d -> !(d instanceof Decision.DoesNotApply no && no.why() == Decision.Why.OTHER_EVENT_TYPE))
          .findFirst().orElseThrow();
    }

    List<ComputedEffect> effects(Activation activation) {
      return decide(activation) instanceof Decision.Applies a ? a.effects() : List.of();
    }
  }

  Produced produce(String key, Map<String, Object> parameters) {
    var production = templates.produce(key, parameters);
    assertThat(production).as(key).isInstanceOf(CampaignTemplates.Production.Produced.class);
    var produced = (CampaignTemplates.Production.Produced) production;
    var compiled = compiler.compile(produced.rules(), TYPES::contains);
    assertThat(compiled).as(key + " compiles: " + compiled).isInstanceOf(RuleCompiler.Result.Compiled.class);
    return new Produced(((RuleCompiler.Result.Compiled) compiled).programs(), produced.caps(), produced.budget());
  }

  static Activation.Builder investment(String yuan, int termDays) {
    return Activation.builder("investment").amount(yuan).attribute("term_days", termDays).attribute("product", "p90");
  }

  static ComputedEffect.Grant grant(Asset asset, long amount) {
    return new ComputedEffect.Grant(asset, amount, null, 0, null);
  }

  @Test
  void everyTemplateIsListedWithItsForm() {
    assertThat(templates.list()).extracting(TemplateDescription::key).containsExactly("newbie_benefits",
        "invitation_reward", "red_envelope_sharing", "first_investment_points", "investment_cash_back_tiers",
        "full_amount_cash_back", "short_term_rate_boost", "site_wide_rate_boost", "rate_coupon_grab",
        "investment_lottery", "old_user_coupons", "credit_line_raise");
    assertThat(templates.list()).allSatisfy(t -> assertThat(t.parameters()).isNotEmpty());
  }

  @Test
  void newbieBenefits() {
    var t = produce("newbie_benefits", Map.of("coupon_template", "welcome-10", "coupons", 3,
        "first_investment_coupon_template", "first-20"));
    assertThat(t.effects(Activation.builder("registered").build()))
        .containsExactly(new ComputedEffect.Grant(Asset.COUPON, 3, "welcome-10", 0, null));
    assertThat(t.effects(investment("100", 30).firstEver(true).build()))
        .containsExactly(new ComputedEffect.Grant(Asset.COUPON, 1, "first-20", 0, null));
    assertThat(t.effects(investment("100", 30).firstEver(false).build())).isEmpty();
  }

  @Test
  void invitationReward() {
    var t = produce("invitation_reward", Map.of("min_first_investment", 1000, "inviter_reward", "50",
        "invitee_reward", 20));
    var invited = new Activation.CustomerFacts("c2", List.of(), "", "", "", "c1", null, Map.of());
    assertThat(t.effects(investment("1000.00", 30).firstEver(true).customer(invited).build())).containsExactly(
        new ComputedEffect.Grant(Asset.CASH_BACK, 5000, null, 0, "c1"), grant(Asset.CASH_BACK, 2000));
    assertThat(t.effects(investment("999.99", 30).firstEver(true).customer(invited).build())).isEmpty();
    assertThat(t.effects(investment("5000", 30).firstEver(true).build())).as("nobody invited").isEmpty();
  }

  @Test
  void redEnvelopeSharing() {
    var t = produce("red_envelope_sharing", Map.of("share_target", "june-gift", "total", 10, "parts", 5,
        "min_part", "0.5", "max_part", 4));
    var c = new Activation.CustomerFacts("c1", List.of(), "", "", "", "", null, Map.of());
    assertThat(t.effects(Activation.builder("share").attribute("target", "june-gift").customer(c).build()))
        .containsExactly(new ComputedEffect.Signal("red_envelope", Map.of("sharer", "c1", "total_fen", 1000L,
            "parts", 5L, "min_part_fen", 50L, "max_part_fen", 400L)));
    assertThat(t.effects(Activation.builder("share").attribute("target", "other").build())).isEmpty();
    assertThat(t.caps()).isEqualTo(Caps.perDay(1));
    assertThat(templates.produce("red_envelope_sharing", Map.of("share_target", "x", "total", 10, "parts", 5,
        "min_part", 3))).isInstanceOf(CampaignTemplates.Production.Invalid.class);
  }

  @Test
  void firstInvestmentPointsTenToOneRoundedDown() {
    var t = produce("first_investment_points", Map.of());
    assertThat(t.effects(investment("1234.56", 30).firstToday(true).build())).containsExactly(grant(Asset.POINTS, 123));
    assertThat(t.decide(investment("1234.56", 30).firstToday(false).build()))
        .isInstanceOf(Decision.DoesNotApply.class);
  }

  @Test
  void cashBackByTiersTakesTheBestTierReached() {
    var t = produce("investment_cash_back_tiers", Map.of("tiers", List.of(
        Map.of("min_amount", 1000, "min_term_days", 30, "rate_percent", "0.5"),
        Map.of("min_amount", 10000, "min_term_days", 90, "rate_percent", 1),
        Map.of("min_amount", 10000, "min_term_days", 30, "rate_percent", "0.8"))));
    assertThat(t.effects(investment("20000", 90).build())).containsExactly(grant(Asset.CASH_BACK, 20000));
    assertThat(t.effects(investment("20000", 60).build())).containsExactly(grant(Asset.CASH_BACK, 16000));
    assertThat(t.effects(investment("1234.57", 30).build())).containsExactly(grant(Asset.CASH_BACK, 617));
    assertThat(t.effects(investment("999.99", 365).build())).isEmpty();
    assertThat(t.effects(investment("5000", 7).build())).isEmpty();
  }

  @Test
  void fullAmountCashBackOncePerCustomer() {
    var t = produce("full_amount_cash_back", Map.of("threshold", 50000, "cash_back", 200));
    assertThat(t.effects(investment("50000.00", 30).build())).containsExactly(grant(Asset.CASH_BACK, 20000));
    assertThat(t.effects(investment("49999.99", 30).build())).isEmpty();
    assertThat(t.caps()).isEqualTo(Caps.perCampaign(1));
  }

  @Test
  void shortTermRateBoostToTheFenPendingUntilMaturity() {
    var t = produce("short_term_rate_boost", Map.of("extra_rate_percent", "1.5", "max_term_days", 90));
    // 100,000 yuan × 1.5 % × 90 / 365 = 369.863… yuan → 36,986 fen
    assertThat(t.effects(investment("100000", 90).build()))
        .containsExactly(new ComputedEffect.Grant(Asset.INTEREST_BONUS, 36986, null, 90, null));
    assertThat(t.effects(investment("100000", 91).build())).isEmpty();
  }

  @Test
  void siteWideRateBoostForOneProduct() {
    var t = produce("site_wide_rate_boost", Map.of("extra_rate_percent", "0.5", "product", "p90"));
    // 10,000 yuan × 0.5 % × 365 / 365 = 50 yuan
    assertThat(t.effects(investment("10000", 365).build()))
        .containsExactly(new ComputedEffect.Grant(Asset.INTEREST_BONUS, 5000, null, 365, null));
    assertThat(t.effects(Activation.builder("investment").amount("10000").attribute("term_days", 365)
        .attribute("product", "other").build())).isEmpty();
  }

  @Test
  void rateCouponGrabStockIsTheBudget() {
    var t = produce("rate_coupon_grab", Map.of("coupon_template", "rate-plus-1", "stock", 500,
        "per_customer_limit", 2, "page", "grab"));
    assertThat(t.effects(Activation.builder("page_view").attribute("page", "grab").build()))
        .containsExactly(new ComputedEffect.Grant(Asset.COUPON, 1, "rate-plus-1", 0, null));
    assertThat(t.effects(Activation.builder("page_view").attribute("page", "home").build())).isEmpty();
    assertThat(t.caps()).isEqualTo(Caps.perCampaign(2));
    assertThat(t.budget()).isEqualTo(Map.of(Asset.COUPON, 500L));
  }

  @Test
  void investmentLotteryOneChanceAboveOneThousandFivePerDay() {
    var t = produce("investment_lottery", Map.of());
    assertThat(t.effects(investment("1000.00", 30).build())).isEmpty();
    assertThat(t.effects(investment("1000.01", 30).build())).containsExactly(grant(Asset.LOTTERY_CHANCE, 1));
    assertThat(t.caps()).isEqualTo(Caps.perDay(5));
  }

  @Test
  void oldUserCouponsForDormantCustomers() {
    var t = produce("old_user_coupons", Map.of("coupon_template", "come-back-5"));
    var dormant = new Activation.CustomerFacts("c1", List.of(), "REPAID", "DORMANT", "", "", null, Map.of());
    var active = new Activation.CustomerFacts("c2", List.of(), "REPAID", "ACTIVE", "", "", null, Map.of());
    assertThat(t.effects(Activation.builder("app_login").customer(dormant).build()))
        .containsExactly(new ComputedEffect.Grant(Asset.COUPON, 1, "come-back-5", 0, null));
    assertThat(t.effects(Activation.builder("app_login").customer(active).build())).isEmpty();
  }

  @Test
  void creditLineRaiseSignalOnASettledLoan() {
    var t = produce("credit_line_raise", Map.of("raise_amount", 5000));
    var c = new Activation.CustomerFacts("c1", List.of(), "REPAID", "ACTIVE", "", "", null, Map.of());
    assertThat(t.effects(Activation.builder("repayment").amount("300").attribute("settled", true)
        .attribute("loan_id", "L1").customer(c).build())).containsExactly(new ComputedEffect.Signal("credit_line_raise",
            Map.of("customer_id", "c1", "raise_fen", 500000L, "loan_id", "L1")));
    assertThat(t.effects(Activation.builder("repayment").amount("300").customer(c).build())).isEmpty();
  }

  @Test
  void badParametersAreNamed() {
    var invalid = templates.produce("short_term_rate_boost", Map.of("extra_rate_percent", "0.001"));
    assertThat(invalid).isInstanceOfSatisfying(CampaignTemplates.Production.Invalid.class, i ->
        assertThat(i.issues()).extracting(FieldIssue::field, FieldIssue::code).containsExactly(
            org.assertj.core.groups.Tuple.tuple("parameters.extra_rate_percent", "invalid-parameter"),
            org.assertj.core.groups.Tuple.tuple("parameters.max_term_days", "missing-parameter")));
    assertThat(templates.produce("nope", Map.of())).isInstanceOf(CampaignTemplates.Production.UnknownTemplate.class);
  }
}
