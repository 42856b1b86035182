package dev.flywheel.campaign.evaluation;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flywheel.campaign.Asset;
import dev.flywheel.campaign.Campaigns;
import dev.flywheel.campaign.Caps;
import dev.flywheel.campaign.EffectDefinition;
import dev.flywheel.support.RunningFlywheel;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Running campaigns met by events over HTTP, with the clock moved through the campaign. */
@RunningFlywheel
class CampaignScenariosTest extends EvaluationScenario {

  @Test
  void firstInvestmentOfTheDayEarnsPointsAtTenToOneAlsoInsideOneBatch() {
    long id = aCampaign("First investment points").budget(Asset.POINTS, 1_000_000)
        .rule(rule("first-investment-today", "is_first_today",
            EffectDefinition.Grant.of(Asset.POINTS, "event.amount_fen / 1000"))).approved();
    day(0);
    Response first = invest("c1", "1234.56");
    assertThat(first.status()).isEqualTo(201);
    assertThat(first.grants()).singleElement().satisfies(g -> {
      assertThat(g).containsEntry("campaign_id", (int) id).containsEntry("asset", "POINTS").containsEntry("amount", 123)
          .containsEntry("status", "granted").containsEntry("rule", "first-investment-today");
    });
    Response second = invest("c1", "5000");
    assertThat(second.grants()).isEmpty();
    assertThat(explanations("c1", second.eventId())).singleElement().satisfies(x -> {
      assertThat(x).containsEntry("applied", false).containsEntry("reason", "CONDITION_FALSE");
      assertThat((String) x.get("detail")).contains("is_first_today");
    });

    day(1);
    assertThat(invest("c1", "99.99").grants()).singleElement().satisfies(g -> assertThat(g).containsEntry("amount", 9));
    assertThat(balance("c1", dev.flywheel.ledger.Asset.POINTS).available()).isEqualTo(132);

    // one batch, the later investment listed first: the earlier one (by occurred_at) is the day's first
    Instant now = day(2);
    var batch = post("/api/v1/events/batch", Map.of("events", List.of(
        investment("late", "c1", now.minusSeconds(60), "300"), investment("early", "c1", now.minusSeconds(600), "200"))));
    @SuppressWarnings("unchecked")
    var results = (List<Map<String, Object>>) batch.body().get("results");
    assertThat(grantsOf(results.get(0))).isEmpty();
    assertThat(grantsOf(results.get(1))).singleElement().satisfies(g -> assertThat(g).containsEntry("amount", 20));
    ledgerInvariantsHold();
  }

  @Test
  void investmentLotteryGivesAChanceAboveOneThousandAtMostFivePerDay() {
    long id = aCampaign("Investment lottery").budget(Asset.LOTTERY_CHANCE, 10_000).caps(Caps.perDay(5))
        .rule(rule("chance-per-investment", "event.amount_fen > 100000",
            EffectDefinition.Grant.of(Asset.LOTTERY_CHANCE, "1"))).approved();
    day(0);
    assertThat(invest("c2", "1000").grants()).as("1,000 is not greater than 1,000").isEmpty();
    for (int i = 0; i < 5; i++) {
      assertThat(invest("c2", "1500").grants()).hasSize(1);
    }
    Response sixth = invest("c2", "1500");
    assertThat(sixth.grants()).isEmpty();
    assertThat(explanations("c2", sixth.eventId())).singleElement().satisfies(x -> {
      assertThat(x).containsEntry("reason", "CAP_REACHED");
      assertThat((String) x.get("detail")).contains("per_day cap of 5");
    });
    day(1);
    assertThat(invest("c2", "1500").grants()).hasSize(1);
    assertThat(grants(id)).isEqualTo(6);
    assertThat(balance("c2", dev.flywheel.ledger.Asset.LOTTERY_CHANCE).available()).isEqualTo(6);
  }

  @Test
  void fullAmountCashBackIsPendingForItsLockUpThenAvailableAndAReplayAnswersTheSame() {
    long id = aCampaign("Full-amount cash back").budget(Asset.CASH_BACK, 1_000_000).caps(Caps.perCampaign(1))
        .rule(rule("threshold-reached", "event.amount_fen >= 1000000",
            new EffectDefinition.Grant(Asset.CASH_BACK, "5000", null, "7", null))).approved();
    Instant at = day(0);
    var body = investment("big-one", "c3", at, "10000");
    Response first = post("/api/v1/events", body);
    assertThat(first.grants()).singleElement().satisfies(g -> {
      assertThat(g).containsEntry("status", "pending").containsEntry("amount", 5000)
          .containsEntry("available_at", at.plus(Duration.ofDays(7)).toString());
    });
    assertThat(balance("c3", dev.flywheel.ledger.Asset.CASH_BACK).pending()).isEqualTo(5000);
    assertThat(invest("c3", "20000").grants()).as("once per customer").isEmpty();

    Response replay = post("/api/v1/events", body);
    assertThat(replay.status()).isEqualTo(200);
    assertThat(replay.body()).containsEntry("status", "duplicate");
    assertThat(replay.effects()).isEqualTo(first.effects());
    assertThat(grants(id)).isEqualTo(1);

    day(7);
    ledger.upkeep();
    assertThat(balance("c3", dev.flywheel.ledger.Asset.CASH_BACK).available()).isEqualTo(5000);
    assertThat(post("/api/v1/events", body).grants()).singleElement()
        .satisfies(g -> assertThat(g).containsEntry("status", "granted"));
    assertThat(grants(id)).isEqualTo(1);
    ledgerInvariantsHold();
  }

  @Test
  void invitationRewardGoesToTheInviterAlsoWhenRegistrationAndInvestmentShareABatch() {
    aCampaign("Invitation reward").budget(Asset.CASH_BACK, 1_000_000)
        .rule(rule("invitee-first-investment", "is_first_ever && customer.invited_by != \"\" && event.amount_fen >= 500000",
            new EffectDefinition.Grant(Asset.CASH_BACK, "2000", null, null, "customer.invited_by"),
            EffectDefinition.Grant.of(Asset.CASH_BACK, "1000"))).approved();
    Instant now = day(0);
    post("/api/v1/events", event(newId("reg"), "invitee-1", "registered", now.minusSeconds(3600),
        Map.of("invited_by", "inviter-1")));
    Response invested = invest("invitee-1", "5000");
    assertThat(invested.grants()).extracting(g -> g.get("customer_id"), g -> g.get("amount"), g -> g.get("rule"))
        .containsExactly(org.assertj.core.groups.Tuple.tuple("inviter-1", 2000, "invitee-first-investment"),
            org.assertj.core.groups.Tuple.tuple("invitee-1", 1000, "invitee-first-investment#2"));
    assertThat(invest("invitee-1", "9000").grants()).as("only the first investment ever").isEmpty();

    post("/api/v1/events/batch", Map.of("events", List.of(
        event(newId("reg"), "invitee-2", "registered", now.minusSeconds(120), Map.of("invited_by", "inviter-1")),
        investment(newId("inv"), "invitee-2", now.minusSeconds(60), "6000"))));
    assertThat(balance("inviter-1", dev.flywheel.ledger.Asset.CASH_BACK).available()).isEqualTo(4000);
    assertThat(balance("invitee-2", dev.flywheel.ledger.Asset.CASH_BACK).available()).isEqualTo(1000);
    ledgerInvariantsHold();
  }

  @Test
  void onlyTheHigherPriorityExclusiveCampaignGrantsWhileANonExclusiveOneStacks() {
    long high = aCampaign("Exclusive high").exclusive(10).budget(Asset.POINTS, 100_000)
        .rule(rule("high", "true", EffectDefinition.Grant.of(Asset.POINTS, "10"))).approved();
    long low = aCampaign("Exclusive low").exclusive(5).budget(Asset.POINTS, 100_000)
        .rule(rule("low", "true", EffectDefinition.Grant.of(Asset.POINTS, "5"))).approved();
    long stacking = aCampaign("Stacks").priority(0).budget(Asset.LOTTERY_CHANCE, 100)
        .rule(rule("chance", "true", EffectDefinition.Grant.of(Asset.LOTTERY_CHANCE, "1"))).approved();
    day(0);
    Response r = invest("c5", "100");
    assertThat(r.grants()).extracting(g -> ((Number) g.get("campaign_id")).longValue()).containsExactly(high, stacking);
    assertThat(explanations("c5", r.eventId())).extracting(x -> ((Number) x.get("campaign_id")).longValue(),
        x -> x.get("reason")).containsExactly(
            org.assertj.core.groups.Tuple.tuple(high, "APPLIED"),
            org.assertj.core.groups.Tuple.tuple(low, "EXCLUDED"),
            org.assertj.core.groups.Tuple.tuple(stacking, "APPLIED"));
    assertThat(grants(low)).isZero();
  }

  @Test
  void aCancelledInvestmentClawsBackItsPendingRewardButNotAvailableOnes() {
    aCampaign("Cash back and points").budget(Asset.CASH_BACK, 1_000_000).budget(Asset.POINTS, 1_000_000)
        .rule(rule("cash", "event.amount_fen >= 100000", new EffectDefinition.Grant(Asset.CASH_BACK, "800", null,
            "event.attributes.term_days", null)))
        .rule(rule("points", "true", EffectDefinition.Grant.of(Asset.POINTS, "event.amount_fen / 1000"))).approved();
    Instant now = day(0);
    Response invested = post("/api/v1/events", investment("to-cancel", "c6", now, "2000"));
    assertThat(invested.grants()).hasSize(2);
    assertThat(balance("c6", dev.flywheel.ledger.Asset.CASH_BACK).pending()).isEqualTo(800);

    post("/api/v1/events", event(newId("cancel"), "c6", "investment_cancelled", now.plusSeconds(1),
        Map.of("investment_event_id", "to-cancel")));
    assertThat(balance("c6", dev.flywheel.ledger.Asset.CASH_BACK)).isEqualTo(new dev.flywheel.ledger.Wallet.Balance(0, 0, 0));
    assertThat(balance("c6", dev.flywheel.ledger.Asset.POINTS).available()).as("PENDING_ONLY keeps available points")
        .isEqualTo(200);
    // a second cancellation (another event id) changes nothing
    post("/api/v1/events", event(newId("cancel"), "c6", "investment_cancelled", now.plusSeconds(2),
        Map.of("investment_event_id", "to-cancel")));
    assertThat(jdbc.sql("select count(*) from ledger_clawbacks where tenant_id = :t").param("t", tenant.id())
        .query(Long.class).single()).isEqualTo(1);
    ledgerInvariantsHold();
  }

  @Test
  void anEarlyRedemptionClawsBackThePendingRewardWhileARedemptionAtMaturityTakesNothing() {
    // cash back locked up for 30 days on a 7-day investment: still pending when the investment matures
    aCampaign("Cash back, long lock-up").budget(Asset.CASH_BACK, 1_000_000)
        .rule(rule("cash", "true", new EffectDefinition.Grant(Asset.CASH_BACK, "500", null, "30", null))).approved();
    Instant now = day(0);
    post("/api/v1/events", investment("kept", "c8", now, "1000"));
    post("/api/v1/events", investment("redeemed-early", "c8", now.plusSeconds(1), "1000"));
    assertThat(balance("c8", dev.flywheel.ledger.Asset.CASH_BACK).pending()).isEqualTo(1000);

    // day 3: the second investment is redeemed before its 7-day term ends
    day(3);
    post("/api/v1/events", event(newId("redeem"), "c8", "redemption", clock.instant(),
        Map.of("amount", new java.math.BigDecimal("1000"), "investment_event_id", "redeemed-early")));
    assertThat(balance("c8", dev.flywheel.ledger.Asset.CASH_BACK).pending()).isEqualTo(500);

    // day 8: the first one is redeemed at maturity; its pending reward stays
    day(8);
    post("/api/v1/events", event(newId("redeem"), "c8", "redemption", clock.instant(),
        Map.of("amount", new java.math.BigDecimal("1000"), "investment_event_id", "kept")));
    // another customer's investment id and an unknown id take nothing either
    post("/api/v1/events", event(newId("redeem"), "c9", "redemption", clock.instant(),
        Map.of("amount", new java.math.BigDecimal("1"), "investment_event_id", "kept")));
    post("/api/v1/events", event(newId("redeem"), "c8", "redemption", clock.instant(),
        Map.of("amount", new java.math.BigDecimal("1"), "investment_event_id", "never-seen")));
    assertThat(balance("c8", dev.flywheel.ledger.Asset.CASH_BACK).pending()).isEqualTo(500);
    assertThat(jdbc.sql("select count(*) from ledger_clawbacks where tenant_id = :t").param("t", tenant.id())
        .query(Long.class).single()).isEqualTo(1);
    ledgerInvariantsHold();
  }

  @Test
  void warmUpAndTheDayBeforeTheStartGrantNothingAndSignalsAndTagsAreCommittedWithTheEvent() {
    long id = aCampaign("Credit line raise").budget(Asset.POINTS, 1000)
        .rule(rule("raise", "event.amount_fen >= 100000", new EffectDefinition.AddTag("engaged"),
            new EffectDefinition.Signal("credit_line_raise", Map.of("customer", "customer.id", "amount_fen",
                "event.amount_fen * 2"))))
        .approved();
    day(-1);
    // the campaign is approved but not running yet: nobody listens, nothing recorded
    Response early = invest("c7", "5000");
    assertThat(early.effects()).containsEntry("signals", List.of());
    day(0);
    Response r = invest("c7", "5000");
    assertThat(r.effects()).containsEntry("tags", List.of("engaged"));
    assertThat(r.effects().get("signals").toString()).contains("credit_line_raise").contains("amount_fen=1000000");
    @SuppressWarnings("unchecked")
    var signals = (List<Map<String, Object>>) get("/api/v1/signals?after=0").body().get("signals");
    assertThat(signals).singleElement().satisfies(s -> {
      assertThat(s).containsEntry("name", "credit_line_raise").containsEntry("customer_id", "c7")
          .containsEntry("campaign_id", (int) id).containsEntry("delivered_at", null);
    });
    Object signalId = signals.getFirst().get("id");
    assertThat(post("/api/v1/signals/ack", Map.of("ids", List.of(signalId))).body()).containsEntry("acknowledged", 1);
    assertThat(post("/api/v1/signals/ack", Map.of("ids", List.of(signalId))).body()).containsEntry("acknowledged", 0);
    assertThat(get("/api/v1/customers/c7").body().get("tags")).isEqualTo(List.of("engaged"));
  }

  @SuppressWarnings("unchecked")
  static List<Map<String, Object>> grantsOf(Map<String, Object> result) {
    return (List<Map<String, Object>>) ((Map<String, Object>) result.get("effects")).get("grants");
  }

  @SuppressWarnings("unused")
  private Campaigns unused() {
    return campaigns;
  }
}
