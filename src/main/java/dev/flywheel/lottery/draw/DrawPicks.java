package dev.flywheel.lottery.draw;

import dev.flywheel.lottery.Guarantee;
import dev.flywheel.lottery.Lottery;
import dev.flywheel.lottery.Prize;
import dev.flywheel.lottery.store.DrawGroupStore;
import dev.flywheel.lottery.store.DrawStore;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The picks of a draw group, made in memory under the players' row locks, in request order: each
 * draw sees the stock (as last committed), the customer's wins and guarantee counter as the draws
 * before it in the group left them — what the same draws one transaction after the other would
 * see. The stock is taken last, conditionally: if another transaction took units since the read
 * so that some are missing, the group fails and its draws run one by one.
 *
 * @param prizes the prize each draw won, by position in the group
 * @param after that prize as the draw left it (stock taken)
 * @param guaranteed whether the guarantee rule narrowed each draw
 * @param taken units taken per stocked prize id
 * @param players per customer: draws added by the group and the dry streak it ends with
 */
record DrawPicks(List<Prize> prizes, List<Prize> after, List<Boolean> guaranteed, Map<Long, Integer> taken,
    Map<String, DrawStore.Player> players) {

  static DrawPicks make(Lottery lottery, List<DrawGroup.Request> requests, List<Integer> drawing,
      DrawGroupStore store, byte[] secret) {
    String[] customers = drawing.stream().map(i -> requests.get(i).customerId()).distinct().sorted()
        .toArray(String[]::new);
    Map<String, DrawStore.Player> locked = store.lockPlayers(requests.get(drawing.getFirst()).tenantId(),
        lottery.id(), customers);
    List<Prize> pool = new ArrayList<>(store.prizes(lottery.id()));
    boolean limited = pool.stream().anyMatch(p -> p.perCustomerLimit() != null);
    Map<String, Map<Long, Integer>> wins = limited ? store.wins(lottery.id(), customers) : new HashMap<>();
    Guarantee guarantee = lottery.guarantee();
    Map<String, int[]> state = new TreeMap<>(); // customer -> {draws added, dry streak}
    List<Prize> prizes = new ArrayList<>();
    List<Prize> after = new ArrayList<>();
    List<Boolean> guaranteed = new ArrayList<>();
    Map<Long, Integer> taken = new TreeMap<>();
    for (int i : drawing) {
      DrawGroup.Request r = requests.get(i);
      int[] player = state.computeIfAbsent(r.customerId(), c -> new int[] {0, locked.get(c).dryStreak()});
      boolean due = guarantee != null && player[1] + 1 >= guarantee.draws();
      Map<Long, Integer> won = wins.computeIfAbsent(r.customerId(), c -> new HashMap<>());
      Picker.Plan plan = Picker.plan(pool, won, guarantee, due);
      Optional<Prize> pick = Picker.pick(plan.candidates(), DrawDice.of(secret, r.requestId()));
      Prize prize = pick.isPresent() ? byId(pool, pick.get().id()) : Picker.fallback(pool);
      Prize left = prize;
      if (prize.stock() != null) {
        left = new Prize(prize.id(), prize.position(), prize.name(), prize.kind(), prize.weight(),
            prize.initialStock(), prize.stock() - 1, prize.awarded() + 1, prize.perCustomerLimit(), prize.amount(),
            prize.couponTemplateId(), prize.value(), prize.tier());
        pool.set(pool.indexOf(prize), left);
        taken.merge(prize.id(), 1, Integer::sum);
      }
      won.merge(prize.id(), 1, Integer::sum);
      player[0]++;
      player[1] = guarantee != null && prize.tier() >= guarantee.tier() ? 0 : player[1] + 1;
      prizes.add(prize);
      after.add(left);
      guaranteed.add(pick.isPresent() && plan.guaranteed());
    }
    Map<String, DrawStore.Player> players = new TreeMap<>();
    state.forEach((c, s) -> players.put(c, new DrawStore.Player(s[0], s[1])));
    return new DrawPicks(prizes, after, guaranteed, taken, players);
  }

  private static Prize byId(List<Prize> pool, long id) {
    return pool.stream().filter(p -> p.id() == id).findFirst().orElseThrow();
  }
}
