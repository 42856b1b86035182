package dev.flywheel.lottery.store;

import dev.flywheel.lottery.Prize;
import dev.flywheel.platform.db.SqlArrays;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The set-based statements of a draw group (many draws of one lottery in one transaction): one
 * statement each for the replay check, the players' row locks, the prizes' stock, the wins,
 * the draw rows, the players' counters and the stock taken — whatever the group's size.
 */
@Component
public class DrawGroupStore {
  private final JdbcClient jdbc;
  private final DataSource dataSource;

  DrawGroupStore(JdbcClient jdbc, DataSource dataSource) {
    this.jdbc = jdbc;
    this.dataSource = dataSource;
  }

  /** Of the given request ids, those that drew before in this lottery. */
  public List<String> drawn(long lotteryId, String[] requestIds) {
    return jdbc.sql("""
            select request_id from lottery_draws
            where lottery_id = :lottery and request_id = any(cast(:requests as text[]))""")
        .param("lottery", lotteryId).param("requests", array("text", requestIds)).query(String.class).list();
  }

  /** The customers' rows for this lottery, created if missing, locked in customer order until commit. */
  public Map<String, DrawStore.Player> lockPlayers(long tenantId, long lotteryId, String[] sortedCustomers) {
    Map<String, DrawStore.Player> players = new HashMap<>();
    java.sql.Array customers = array("text", sortedCustomers);
    jdbc.sql("""
            insert into lottery_players (tenant_id, lottery_id, customer_id)
            select :tenant, :lottery, c from unnest(cast(:customers as text[])) with ordinality u(c, ord)
            where not exists (select 1 from lottery_players p where p.lottery_id = :lottery and p.customer_id = u.c)
            order by ord
            on conflict (lottery_id, customer_id) do nothing""")
        .param("tenant", tenantId).param("lottery", lotteryId).param("customers", customers).update();
    jdbc.sql("""
            select customer_id, draws, dry_streak from lottery_players
            where lottery_id = :lottery and customer_id = any(cast(:customers as text[]))
            order by customer_id for update""")
        .param("lottery", lotteryId).param("customers", customers)
        .query(rs -> {
          players.put(rs.getString(1), new DrawStore.Player(rs.getInt(2), rs.getInt(3)));
        });
    return players;
  }

  /**
   * The pool with its stock as last committed, in position order, NOT locked: the group takes its
   * stock last ({@link #take}, conditional), so the prize rows every draw of the lottery needs are
   * held only from that update to the commit.
   */
  public List<Prize> prizes(long lotteryId) {
    return jdbc.sql("""
            select id, position, name, kind, weight, initial_stock, stock, awarded, per_customer_limit, amount,
              coupon_template_id, value, tier
            from lottery_prizes where lottery_id = :lottery order by position""")
        .param("lottery", lotteryId).query((rs, n) -> LotteryStore.prize(rs)).list();
  }

  /** Per customer, how many of each prize they won in this lottery. */
  public Map<String, Map<Long, Integer>> wins(long lotteryId, String[] customers) {
    Map<String, Map<Long, Integer>> wins = new HashMap<>();
    jdbc.sql("""
            select customer_id, prize_id, count(*) from lottery_draws
            where lottery_id = :lottery and customer_id = any(cast(:customers as text[]))
            group by customer_id, prize_id""")
        .param("lottery", lotteryId).param("customers", array("text", customers))
        .query(rs -> {
          wins.computeIfAbsent(rs.getString(1), c -> new HashMap<>()).put(rs.getLong(2), rs.getInt(3));
        });
    return wins;
  }

  /**
   * Takes {@code taken[i]} units of prize {@code ids[i]}, each only if that many are left; answers
   * the prizes taken (fewer than asked = stock ran out since it was read). Rows in id order.
   */
  public int take(Long[] ids, Integer[] taken) {
    // locked in id order first: an UPDATE … FROM locks in whatever order its join runs, and two
    // groups taking the same prizes in different orders would deadlock. NO KEY UPDATE, the lock
    // the update itself takes: FOR UPDATE would conflict with the key-share locks the groups'
    // draw rows hold on their prizes (foreign key) and deadlock two groups
    jdbc.sql("select id from lottery_prizes where id = any(cast(:ids as bigint[])) order by id for no key update")
        .param("ids", array("int8", ids)).query(Long.class).list();
    return jdbc.sql("""
            update lottery_prizes p set stock = p.stock - t.n, awarded = p.awarded + t.n
            from unnest(cast(:ids as bigint[]), cast(:taken as int[])) t(id, n)
            where p.id = t.id and p.stock >= t.n""")
        .param("ids", array("int8", ids)).param("taken", array("int4", taken)).update();
  }

  /** One row per draw; a request id used before is skipped. Answers draw ids by request id. */
  public Map<String, Long> insert(long tenantId, long lotteryId, Rows rows, Instant now) {
    Map<String, Long> ids = new HashMap<>();
    jdbc.sql("""
            insert into lottery_draws (tenant_id, lottery_id, request_id, customer_id, prize_id, guaranteed,
              chance_entry_id, grant_id, created_at)
            select :tenant, :lottery, r, c, p, g, e, gr, :now
            from unnest(cast(:requests as text[]), cast(:customers as text[]), cast(:prizes as bigint[]),
                        cast(:guaranteed as boolean[]), cast(:entries as bigint[]), cast(:grants as bigint[]))
              with ordinality u(r, c, p, g, e, gr, ord)
            order by ord
            on conflict (lottery_id, request_id) do nothing returning request_id, id""")
        .param("tenant", tenantId).param("lottery", lotteryId)
        .param("requests", array("text", rows.requests())).param("customers", array("text", rows.customers()))
        .param("prizes", array("int8", rows.prizes())).param("guaranteed", array("bool", rows.guaranteed()))
        .param("entries", array("int8", rows.entries())).param("grants", array("int8", rows.grants()))
        .param("now", Timestamp.from(now))
        .query(rs -> {
          ids.put(rs.getString(1), rs.getLong(2));
        });
    return ids;
  }

  /** The draw rows of a group, column by column. */
  public record Rows(String[] requests, String[] customers, Long[] prizes, Boolean[] guaranteed, Long[] entries,
      Long[] grants) {}

  /** Adds {@code draws[i]} to the customer's draw count and sets the dry streak the group ended with. */
  public void drew(long lotteryId, String[] customers, Integer[] draws, Integer[] dryStreaks) {
    jdbc.sql("""
            update lottery_players p set draws = p.draws + t.n, dry_streak = t.dry
            from unnest(cast(:customers as text[]), cast(:draws as int[]), cast(:dry as int[])) t(c, n, dry)
            where p.lottery_id = :lottery and p.customer_id = t.c""")
        .param("lottery", lotteryId).param("customers", array("text", customers)).param("draws", array("int4", draws))
        .param("dry", array("int4", dryStreaks)).update();
  }

  private java.sql.Array array(String type, Object[] values) {
    return SqlArrays.of(dataSource, type, values);
  }
}
