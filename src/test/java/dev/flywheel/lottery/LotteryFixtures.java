package dev.flywheel.lottery;

import dev.flywheel.ledger.Asset;
import dev.flywheel.ledger.GrantRequest;
import dev.flywheel.ledger.Ledger;
import dev.flywheel.platform.time.MovableClock;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;

/** Lotteries and chances for tests: chances come from a campaign budget the way the investment-lottery template grants them. */

public class LotteryFixtures {
  private static final AtomicLong CAMPAIGNS = new AtomicLong(880_000);
  private final Lotteries lotteries;
  private final Ledger ledger;
  private final MovableClock clock;

  public LotteryFixtures(Lotteries lotteries, Ledger ledger, MovableClock clock) {
    this.lotteries = lotteries;
    this.ledger = ledger;
    this.clock = clock;
  }

  public static PrizeSpec points(String name, int weight, int stock, long points, int tier) {
    return new PrizeSpec(name, PrizeKind.POINTS, weight, stock, null, points, null, points, tier);
  }

  public static PrizeSpec cash(String name, int weight, int stock, long fen, int tier) {
    return new PrizeSpec(name, PrizeKind.CASH, weight, stock, null, fen, null, fen, tier);
  }

  public static PrizeSpec physical(String name, int weight, int stock, long value, int tier) {
    return new PrizeSpec(name, PrizeKind.PHYSICAL, weight, stock, null, 0, null, value, tier);
  }

  public static PrizeSpec thankYou(int weight) {
    return new PrizeSpec("Thank you", PrizeKind.THANK_YOU, weight, null, null, 0, null, 0, 0);
  }

  /** A launched lottery open from an hour ago for a day. */
  public Lottery live(long tenantId, Guarantee guarantee, List<PrizeSpec> prizes) {
    Lottery draft = draft(tenantId, guarantee, prizes);
    return ((LotteryResult.Done) lotteries.launch(tenantId, draft.id(), "test")).lottery();
  }

  public Lottery draft(long tenantId, Guarantee guarantee, List<PrizeSpec> prizes) {
    LotteryDraft draft = new LotteryDraft("Lucky wheel", clock.instant().minus(Duration.ofHours(1)),
        clock.instant().plus(Duration.ofDays(1)), guarantee, prizes);
    LotteryResult result = lotteries.create(tenantId, draft, "test");
    if (!(result instanceof LotteryResult.Done done)) {
      throw new AssertionError("fixture lottery refused: " + result);
    }
    return done.lottery();
  }

  /** {@code n} chances for a customer, granted from a campaign budget. */
  public void chances(long tenantId, String customerId, int n) {
    long campaign = CAMPAIGNS.incrementAndGet();
    ledger.fund(tenantId, campaign, Asset.LOTTERY_CHANCE, n, "test");
    ledger.grant(GrantRequest.of(tenantId, campaign, "invest-lottery", "inv-" + UUID.randomUUID(), customerId,
        Asset.LOTTERY_CHANCE, n));
  }
}
