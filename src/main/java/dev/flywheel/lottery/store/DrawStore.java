package dev.flywheel.lottery.store;

import dev.flywheel.lottery.Draw;
import dev.flywheel.lottery.Fulfilment;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** Draws, the per-customer player rows, and the conditional stock decrement. */
@Component
public class DrawStore {
  private final JdbcClient jdbc;
  private final FulfilmentStore fulfilments;

  DrawStore(JdbcClient jdbc, FulfilmentStore fulfilments) {
    this.jdbc = jdbc;
    this.fulfilments = fulfilments;
  }

  /** The customer's row for this lottery, created if missing and locked until commit. */
  public Player lockPlayer(long tenantId, long lotteryId, String customerId) {
    return jdbc.sql("""
            insert into lottery_players (tenant_id, lottery_id, customer_id) values (:tenant, :lottery, :customer)
            on conflict (lottery_id, customer_id) do update set draws = lottery_players.draws
            returning draws, dry_streak""")
        .param("tenant", tenantId).param("lottery", lotteryId).param("customer", customerId)
        .query((rs, n) -> new Player(rs.getInt(1), rs.getInt(2))).single();
  }

  /** @param dryStreak draws since the customer last won a prize of the guaranteed tier */
  public record Player(int draws, int dryStreak) {}

  public void drew(long lotteryId, String customerId, boolean reachedGuaranteeTier) {
    jdbc.sql("""
            update lottery_players set draws = draws + 1,
              dry_streak = case when :reached then 0 else dry_streak + 1 end
            where lottery_id = :lottery and customer_id = :customer""")
        .param("reached", reachedGuaranteeTier).param("lottery", lotteryId).param("customer", customerId).update();
  }

  /** How many of each prize the customer won in this lottery. */
  public Map<Long, Integer> wins(long lotteryId, String customerId) {
    Map<Long, Integer> wins = new HashMap<>();
    jdbc.sql("""
            select prize_id, count(*) from lottery_draws where lottery_id = :lottery and customer_id = :customer
            group by prize_id""")
        .param("lottery", lotteryId).param("customer", customerId)
        .query(rs -> {
          wins.put(rs.getLong(1), rs.getInt(2));
        });
    return wins;
  }

  /** Takes one unit: {@code stock > 0} checked by the update itself. False when none was left. */
  public boolean takeOne(long prizeId) {
    return jdbc.sql("update lottery_prizes set stock = stock - 1, awarded = awarded + 1 where id = :id and stock > 0")
        .param("id", prizeId).update() == 1;
  }

  /** Empty when the request id was used before (by anyone): the caller rolls back and replays. */
  public Optional<Long> insert(long tenantId, long lotteryId, String requestId, String customerId, long prizeId,
      boolean guaranteed, long chanceEntryId, Long grantId, Instant now) {
    return jdbc.sql("""
            insert into lottery_draws (tenant_id, lottery_id, request_id, customer_id, prize_id, guaranteed,
              chance_entry_id, grant_id, created_at)
            values (:tenant, :lottery, :request, :customer, :prize, :guaranteed, :entry, :grant, :now)
            on conflict (lottery_id, request_id) do nothing returning id""")
        .param("tenant", tenantId).param("lottery", lotteryId).param("request", requestId)
        .param("customer", customerId).param("prize", prizeId).param("guaranteed", guaranteed)
        .param("entry", chanceEntryId).param("grant", grantId, java.sql.Types.BIGINT)
        .param("now", Timestamp.from(now)).query(Long.class).optional();
  }

  public Optional<Draw> byRequest(long lotteryId, String requestId) {
    return jdbc.sql(SELECT + " where d.lottery_id = :lottery and d.request_id = :request")
        .param("lottery", lotteryId).param("request", requestId).query(this::draw).optional();
  }

  /** The customer's draws in this lottery, newest first. */
  public List<Draw> forCustomer(long lotteryId, String customerId, int limit) {
    return jdbc.sql(SELECT + " where d.lottery_id = :lottery and d.customer_id = :customer order by d.id desc limit :limit")
        .param("lottery", lotteryId).param("customer", customerId).param("limit", limit).query(this::draw).list();
  }

  /** The latest draws of a lottery, newest first. */
  public List<Draw> latest(long lotteryId, int limit) {
    return jdbc.sql(SELECT + " where d.lottery_id = :lottery order by d.id desc limit :limit")
        .param("lottery", lotteryId).param("limit", limit).query(this::draw).list();
  }

  public long count(long lotteryId) {
    return jdbc.sql("select count(*) from lottery_draws where lottery_id = :lottery").param("lottery", lotteryId)
        .query(Long.class).single();
  }

  private static final String SELECT = """
      select d.id as draw_id, d.lottery_id, d.request_id, d.customer_id, d.guaranteed, d.grant_id, d.created_at,
        p.id, p.position, p.name, p.kind, p.weight, p.initial_stock, p.stock, p.awarded, p.per_customer_limit,
        p.amount, p.coupon_template_id, p.value, p.tier
      from lottery_draws d join lottery_prizes p on p.id = d.prize_id""";

  private Draw draw(ResultSet rs, int n) throws SQLException {
    long drawId = rs.getLong("draw_id");
    Optional<Fulfilment> fulfilment = fulfilments.forDraw(drawId);
    return new Draw(drawId, rs.getLong("lottery_id"), rs.getString("request_id"), rs.getString("customer_id"),
        LotteryStore.prize(rs), rs.getBoolean("guaranteed"), (Long) rs.getObject("grant_id"),
        fulfilment.orElse(null), rs.getTimestamp("created_at").toInstant());
  }
}
