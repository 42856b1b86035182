package dev.flywheel.lottery;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.util.List;

/** A lottery and its prize pool (in position order). {@code guarantee} and {@code launchedAt} may be null. */
public record Lottery(long id, String name, LotteryStatus status, Instant startsAt, Instant endsAt,
    Guarantee guarantee, List<Prize> prizes, String createdBy, Instant createdAt, Instant launchedAt) {

  /** The owner type of lotteries' budgets in the ledger ({@code Ledger.budgetKey(tenant, BUDGET_OWNER, id)}). */
  public static final String BUDGET_OWNER = "lottery";

  public boolean openAt(Instant now) {
    return status == LotteryStatus.LIVE && !now.isBefore(startsAt) && now.isBefore(endsAt);
  }

  /**
   * Expected cost of one draw in CNY fen: {@code sum(weight × value) / sum(weight)} over the prizes
   * still in stock (before launch: the whole pool). Ignores per-customer limits and the guarantee.
   */
  public BigDecimal expectedCostPerDraw() {
    long weights = 0;
    BigDecimal cost = BigDecimal.ZERO;
    for (Prize p : prizes) {
      if (p.inStock() && p.weight() > 0) {
        weights += p.weight();
        cost = cost.add(BigDecimal.valueOf(p.weight()).multiply(BigDecimal.valueOf(p.value())));
      }
    }
    return weights == 0 ? BigDecimal.ZERO.setScale(2) : cost.divide(BigDecimal.valueOf(weights), 2, RoundingMode.HALF_UP);
  }

  /** Total value of the whole stock in CNY fen (the most the pool can cost). */
  public long poolValue() {
    return prizes.stream().filter(p -> p.initialStock() != null)
        .mapToLong(p -> Math.multiplyExact(p.value(), (long) p.initialStock())).sum();
  }
}
