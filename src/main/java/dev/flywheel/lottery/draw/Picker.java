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
   * and any of them reaches its tier, only those.
   *
   * @param wins per prize id, how many the customer won already
   * @param guaranteeDue this draw is the customer's N-th without a prize of the guaranteed tier
   */
  public static Plan plan(List<Prize> pool, Map<Long, Integer> wins, Guarantee guarantee, boolean guaranteeDue) {
    List<Prize> open = new ArrayList<>();
    for (Prize p : pool) {
      boolean underLimit = p.perCustomerLimit() == null || wins.getOrDefault(p.id(), 0) < p.perCustomerLimit();
      if (p.weight() > 0 && p.inStock() && underLimit) {
        open.add(p);
      }
    }
    if (guarantee != null && guaranteeDue) {
      List<Prize> good = open.stream().filter(p -> p.tier() >= guarantee.tier()).toList();
      if (!good.isEmpty()) {
        return new Plan(new ArrayList<>(good), true);
      }
    }
    return new Plan(open, false);
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
