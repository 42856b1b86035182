package dev.flywheel.ledger;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flywheel.platform.time.MovableClock;
import dev.flywheel.support.RunningFlywheel;
import dev.flywheel.support.TestTenants;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Pending rewards with a lock-up, released by the upkeep job; clawback of pending and available value. */
@RunningFlywheel
class PendingAndClawbackTest {
  private static final AtomicLong CAMPAIGNS = new AtomicLong(4_000);
  @Autowired TestTenants tenants;
  @Autowired Ledger ledger;
  @Autowired PointsMall mall;
  @Autowired MovableClock clock;
  @Autowired JdbcClient jdbc;

  @AfterEach
  void invariantsHold() {
    LedgerInvariants.assertHold(jdbc);
  }

  @Test
  void pendingCashBackBecomesAvailableWhenTheLockUpEnds() {
    long tenant = tenants.create().id();
    long campaign = CAMPAIGNS.incrementAndGet();
    ledger.fund(tenant, campaign, Asset.CASH_BACK, 10_000, "ops");
    ledger.grant(GrantRequest.of(tenant, campaign, "invest", "ev-1", "u-1", Asset.CASH_BACK, 1_250)
        .pendingUntil(clock.instant().plus(Duration.ofDays(7))));
    assertThat(ledger.wallet(tenant, "u-1").balances().get(Asset.CASH_BACK)).isEqualTo(new Wallet.Balance(0, 1_250, 0));

    clock.advance(Duration.ofDays(6));
    ledger.upkeep();
    assertThat(ledger.wallet(tenant, "u-1").balances().get(Asset.CASH_BACK).pending()).isEqualTo(1_250);

    clock.advance(Duration.ofDays(1));
    assertThat(ledger.upkeep().released()).isGreaterThanOrEqualTo(1);
    assertThat(ledger.wallet(tenant, "u-1").balances().get(Asset.CASH_BACK)).isEqualTo(new Wallet.Balance(1_250, 0, 0));
    assertThat(ledger.wallet(tenant, "u-1").history()).extracting(Wallet.Movement::kind)
        .containsExactly("RELEASE", "RELEASE", "GRANT");
    assertThat(ledger.clawBack(new ClawbackRequest(tenant, "ev-1", ClawbackRequest.Policy.PENDING_ONLY,
        "ev-cancel", "campaign")).kept()).as("released value stays under PENDING_ONLY").hasSize(1);
  }

  @Test
  void cancellingAnInvestmentClawsBackItsPendingRewardOnce() {
    long tenant = tenants.create().id();
    long campaign = CAMPAIGNS.incrementAndGet();
    ledger.fund(tenant, campaign, Asset.CASH_BACK, 10_000, "ops");
    ledger.grant(GrantRequest.of(tenant, campaign, "invest", "ev-2", "u-2", Asset.CASH_BACK, 800)
        .pendingUntil(clock.instant().plus(Duration.ofDays(30))));
    ledger.grant(GrantRequest.of(tenant, campaign, "invest", "ev-other", "u-2", Asset.CASH_BACK, 100)
        .pendingUntil(clock.instant().plus(Duration.ofDays(30))));

    ClawbackResult result = ledger.clawBack(new ClawbackRequest(tenant, "ev-2", ClawbackRequest.Policy.PENDING_ONLY,
        "investment_cancelled ev-9", "campaign"));
    assertThat(result.clawedBack()).singleElement()
        .satisfies(i -> assertThat(i.fromPending()).isEqualTo(800))
        .satisfies(i -> assertThat(i.toDebt()).isZero());
    assertThat(ledger.wallet(tenant, "u-2").balances().get(Asset.CASH_BACK)).isEqualTo(new Wallet.Balance(0, 100, 0));
    assertThat(ledger.clawBack(new ClawbackRequest(tenant, "ev-2", ClawbackRequest.Policy.PENDING_AND_AVAILABLE,
        "again", "campaign")).clawedBack()).as("idempotent").isEmpty();

    clock.advance(Duration.ofDays(31));
    ledger.upkeep();
    assertThat(ledger.wallet(tenant, "u-2").balances().get(Asset.CASH_BACK))
        .as("the clawed-back lock-up is never released").isEqualTo(new Wallet.Balance(100, 0, 0));
  }

  @Test
  void clawingBackSpentPointsRecordsTheShortfallAsDebt() {
    long tenant = tenants.create().id();
    long campaign = nextCampaign();
    ledger.fund(tenant, campaign, Asset.POINTS, 1_000, "ops");
    ledger.grant(GrantRequest.of(tenant, campaign, "redeem-bonus", "ev-3", "u-3", Asset.POINTS, 100));
    CatalogItem mug = mall.addItem(tenant, "Mug", 80, 5);
    assertThat(mall.exchange(tenant, "u-3", mug.id(), 1, "x-1", "app")).isInstanceOf(ExchangeOutcome.Exchanged.class);

    ClawbackResult result = ledger.clawBack(new ClawbackRequest(tenant, "ev-3",
        ClawbackRequest.Policy.PENDING_AND_AVAILABLE, "early redemption ev-10", "campaign"));

    assertThat(result.clawedBack()).singleElement().isEqualTo(
        new ClawbackResult.Item(result.clawedBack().getFirst().grantId(), "u-3", Asset.POINTS, 0, 20, 80));
    Wallet wallet = ledger.wallet(tenant, "u-3");
    assertThat(wallet.balances().get(Asset.POINTS)).isEqualTo(new Wallet.Balance(0, 0, 80));
    assertThat(wallet.history()).extracting(Wallet.Movement::account).contains("DEBT");
  }

  private static long nextCampaign() {
    return CAMPAIGNS.incrementAndGet();
  }
}
