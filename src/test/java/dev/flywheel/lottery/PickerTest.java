package dev.flywheel.lottery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.flywheel.lottery.draw.DrawDice;
import dev.flywheel.lottery.draw.Picker;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The weighted picker with controlled dice: every roll maps to exactly the prize its weight band covers. */
class PickerTest {
  private static Prize prize(long id, PrizeKind kind, int weight, Integer stock, Integer limit, int tier) {
    return new Prize(id, (int) id, "p" + id, kind, weight, stock, stock, 0, limit, kind == PrizeKind.POINTS ? 10 : 0,
        null, 10, tier);
  }

  private final Prize gold = prize(1, PrizeKind.PHYSICAL, 1, 5, null, 3);
  private final Prize points = prize(2, PrizeKind.POINTS, 9, 100, 2, 1);
  private final Prize thanks = prize(3, PrizeKind.THANK_YOU, 90, null, null, 0);
  private final List<Prize> pool = List.of(gold, points, thanks);

  @Test
  void eachRollLandsInItsWeightBand() {
    List<Prize> open = Picker.plan(pool, Map.of(), null, false).candidates();
    assertThat(Picker.pick(open, bound -> 0)).contains(gold);
    assertThat(Picker.pick(open, bound -> 1)).contains(points);
    assertThat(Picker.pick(open, bound -> 9)).contains(points);
    assertThat(Picker.pick(open, bound -> 10)).contains(thanks);
    assertThat(Picker.pick(open, bound -> 99)).contains(thanks);
    List<Long> bounds = new ArrayList<>();
    Picker.pick(open, bound -> {
      bounds.add(bound);
      return 0;
    });
    assertThat(bounds).as("the dice are rolled once over the total weight").containsExactly(100L);
    assertThatThrownBy(() -> Picker.pick(open, bound -> 100)).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void outOfStockZeroWeightAndLimitReachedPrizesAreNeverCandidates() {
    Prize empty = prize(4, PrizeKind.POINTS, 50, 0, null, 1);
    Prize never = prize(5, PrizeKind.POINTS, 0, 10, null, 1);
    List<Prize> withExtras = List.of(gold, points, thanks, empty, never);
    assertThat(Picker.plan(withExtras, Map.of(), null, false).candidates()).containsExactly(gold, points, thanks);
    assertThat(Picker.plan(withExtras, Map.of(2L, 2), null, false).candidates())
        .as("points has a per-customer limit of 2").containsExactly(gold, thanks);
    assertThat(Picker.plan(withExtras, Map.of(2L, 1), null, false).candidates()).contains(points);
  }

  @Test
  void nothingToPickFallsBackToThankYou() {
    assertThat(Picker.pick(List.of(), bound -> 0)).isEmpty();
    assertThat(Picker.fallback(pool)).isEqualTo(thanks);
  }

  @Test
  void aDueGuaranteeNarrowsToItsTierWhileAnyIsLeft() {
    Guarantee tier2 = new Guarantee(2, 5);
    Picker.Plan due = Picker.plan(pool, Map.of(), tier2, true);
    assertThat(due.guaranteed()).isTrue();
    assertThat(due.candidates()).containsExactly(gold);
    assertThat(Picker.plan(pool, Map.of(), tier2, false).candidates()).containsExactly(gold, points, thanks);
    Prize goldGone = prize(1, PrizeKind.PHYSICAL, 1, 0, null, 3);
    Picker.Plan none = Picker.plan(List.of(goldGone, points, thanks), Map.of(), tier2, true);
    assertThat(none.guaranteed()).as("nothing of the tier left: an ordinary draw").isFalse();
    assertThat(none.candidates()).containsExactly(points, thanks);
  }

  @Test
  void diceAreDeterministicPerRequestIdAndSecret() {
    byte[] secret = "0123456789abcdef0123456789abcdef".getBytes();
    Picker.Dice a = DrawDice.of(secret, "req-1");
    Picker.Dice b = DrawDice.of(secret, "req-1");
    Picker.Dice other = DrawDice.of("another-secret-another-secret-xx".getBytes(), "req-1");
    List<Long> rollsA = new ArrayList<>();
    List<Long> rollsB = new ArrayList<>();
    List<Long> rollsOther = new ArrayList<>();
    for (int i = 0; i < 20; i++) {
      rollsA.add(a.roll(1_000_000));
      rollsB.add(b.roll(1_000_000));
      rollsOther.add(other.roll(1_000_000));
    }
    assertThat(rollsA).isEqualTo(rollsB).isNotEqualTo(rollsOther);
    assertThat(rollsA).allMatch(r -> r >= 0 && r < 1_000_000);
  }
}
