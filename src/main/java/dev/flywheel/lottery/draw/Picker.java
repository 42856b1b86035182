package dev.flywheel.lottery.draw;

import dev.flywheel.lottery.Guarantee;
import dev.flywheel.lottery.Prize;
import dev.flywheel.lottery.PrizeKind;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The weighted choice of a prize, pure: randomness comes in as {@link Dice}. */
public final class Picker {
  private Picker() {}

  /** A uniform roll in {@code [0, bound)}. */
  @FunctionalInterface
  public interface Dice {
    long roll(long bound);
  }

  /**
   * The prizes one draw may pick from.
   *
   * @param guaranteed true when the guarantee rule narrowed them to its tier
   */
  public record Plan(List<Prize> candidates, boolean guaranteed) {}

  /**
   * Prizes with a positive weight, in stock, under the customer's limit; when the guarantee is due
   * and any prize in stock and under the limit reaches its tier, only those (when all of them weigh
   * 0 they are drawn as if they weighed 1 each).
   *
   * @param wins per prize id, how many the customer won already
   * @param guaranteeDue this draw is the customer's N-th without a prize of the guaranteed tier
   */
  public static Plan plan(List<Prize> pool, Map<Long, Integer> wins, Guarantee guarantee, boolean guaranteeDue) {
    List<Prize> available = pool.stream().filter(p -> p.inStock()
        && (p.perCustomerLimit() == null || wins.getOrDefault(p.id(), 0) < p.perCustomerLimit())).toList();
    if (guarantee != null && guaranteeDue) {
      List<Prize> good = available.stream().filter(p -> p.kind() != PrizeKind.THANK_YOU && p.tier() >= guarantee.tier())
          .toList();
      if (!good.isEmpty()) {
        // prizes kept out of chance (weight 0) still honour the guarantee: then they weigh alike
        boolean weighted = good.stream().anyMatch(p -> p.weight() > 0);
        return new Plan(new ArrayList<>(weighted ? good : good.stream().map(Picker::weighOne).toList()), true);
      }
    }
    return new Plan(new ArrayList<>(available.stream().filter(p -> p.weight() > 0).toList()), false);
  }

  private static Prize weighOne(Prize p) {
    return new Prize(p.id(), p.position(), p.name(), p.kind(), 1, p.initialStock(), p.stock(), p.awarded(),
        p.perCustomerLimit(), p.amount(), p.couponTemplateId(), p.value(), p.tier());
  }

  /** One prize by weight among {@code candidates}; empty when there is none (or all weigh 0). */
  public static Optional<Prize> pick(List<Prize> candidates, Dice dice) {
    long total = 0;
    for (Prize p : candidates) {
      total += Math.max(0, p.weight());
    }
    if (total == 0) {
      return Optional.empty();
    }
    long roll = dice.roll(total);
    if (roll < 0 || roll >= total) {
      throw new IllegalArgumentException("a roll must be in [0, " + total + "), was " + roll);
    }
    for (Prize p : candidates) {
      roll -= Math.max(0, p.weight());
      if (roll < 0) {
        return Optional.of(p);
      }
    }
    throw new IllegalStateException("unreachable");
  }

  /** The pool's THANK_YOU prize: what a draw gets when nothing else can be drawn. */
  public static Prize fallback(List<Prize> pool) {
    return pool.stream().filter(p -> p.kind() == PrizeKind.THANK_YOU).findFirst()
        .orElseThrow(() -> new IllegalStateException("a launched pool always has a THANK_YOU prize"));
  }
}
