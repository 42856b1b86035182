package dev.flywheel.lottery.store;

import dev.flywheel.lottery.Guarantee;
import dev.flywheel.lottery.Lottery;
import dev.flywheel.lottery.LotteryDraft;
import dev.flywheel.lottery.LotteryStatus;
import dev.flywheel.lottery.Prize;
import dev.flywheel.lottery.PrizeKind;
import dev.flywheel.lottery.PrizeSpec;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** Lotteries and their prize pools. */
@Component
public class LotteryStore {
  private final JdbcClient jdbc;

  LotteryStore(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  public long create(long tenantId, LotteryDraft draft, byte[] seedSecret, String actor, Instant now) {
    long id = jdbc.sql("""
            insert into lottery_lotteries (tenant_id, name, starts_at, ends_at, guarantee_tier, guarantee_draws,
              seed_secret, created_by, created_at)
            values (:tenant, :name, :starts, :ends, :gtier, :gdraws, :secret, :actor, :now) returning id""")
        .param("tenant", tenantId).param("name", draft.name()).param("starts", Timestamp.from(draft.startsAt()))
        .param("ends", Timestamp.from(draft.endsAt()))
        .param("gtier", draft.guarantee() == null ? null : draft.guarantee().tier(), java.sql.Types.INTEGER)
        .param("gdraws", draft.guarantee() == null ? null : draft.guarantee().draws(), java.sql.Types.INTEGER)
        .param("secret", seedSecret).param("actor", actor).param("now", Timestamp.from(now))
        .query(Long.class).single();
    insertPrizes(tenantId, id, draft.prizes());
    return id;
  }

  /** Replaces name, window, guarantee and pool of a DRAFT; false when it is not (any more) a draft. */
  public boolean updateDraft(long tenantId, long id, LotteryDraft draft) {
    int changed = jdbc.sql("""
            update lottery_lotteries set name = :name, starts_at = :starts, ends_at = :ends,
              guarantee_tier = :gtier, guarantee_draws = :gdraws
            where id = :id and tenant_id = :tenant and status = 'DRAFT'""")
        .param("name", draft.name()).param("starts", Timestamp.from(draft.startsAt()))
        .param("ends", Timestamp.from(draft.endsAt()))
        .param("gtier", draft.guarantee() == null ? null : draft.guarantee().tier(), java.sql.Types.INTEGER)
        .param("gdraws", draft.guarantee() == null ? null : draft.guarantee().draws(), java.sql.Types.INTEGER)
        .param("id", id).param("tenant", tenantId).update();
    if (changed == 0) {
      return false;
    }
    jdbc.sql("delete from lottery_prizes where lottery_id = :id").param("id", id).update();
    insertPrizes(tenantId, id, draft.prizes());
    return true;
  }

  private void insertPrizes(long tenantId, long lotteryId, List<PrizeSpec> prizes) {
    for (int i = 0; i < prizes.size(); i++) {
      PrizeSpec p = prizes.get(i);
      jdbc.sql("""
              insert into lottery_prizes (tenant_id, lottery_id, position, name, kind, weight, initial_stock, stock,
                per_customer_limit, amount, coupon_template_id, value, tier)
              values (:tenant, :lottery, :position, :name, :kind, :weight, :stock, :stock, :limit, :amount, :coupon,
                :value, :tier)""")
          .param("tenant", tenantId).param("lottery", lotteryId).param("position", i + 1).param("name", p.name())
          .param("kind", p.kind().name()).param("weight", p.weight())
          .param("stock", p.stock(), java.sql.Types.INTEGER)
          .param("limit", p.perCustomerLimit(), java.sql.Types.INTEGER).param("amount", p.amount())
          .param("coupon", p.couponTemplateId(), java.sql.Types.BIGINT).param("value", p.value())
          .param("tier", p.tier()).update();
    }
  }

  /** Moves {@code from} → {@code to}; false when the lottery was not in {@code from}. */
  public boolean move(long tenantId, long id, LotteryStatus from, LotteryStatus to, Instant now) {
    return jdbc.sql("""
            update lottery_lotteries set status = :to,
              launched_at = case when :to = 'LIVE' then :now else launched_at end
            where id = :id and tenant_id = :tenant and status = :from""")
        .param("to", to.name()).param("now", Timestamp.from(now)).param("id", id).param("tenant", tenantId)
        .param("from", from.name()).update() == 1;
  }

  public Optional<Lottery> find(long tenantId, long id) {
    return jdbc.sql(SELECT + " where tenant_id = :tenant and id = :id")
        .param("tenant", tenantId).param("id", id).query(this::lottery).optional();
  }

  /** The lottery with an empty pool (no prize read): for a caller that locks and reads the pool itself. */
  public Optional<Lottery> header(long tenantId, long id) {
    return jdbc.sql(SELECT + " where tenant_id = :tenant and id = :id")
        .param("tenant", tenantId).param("id", id).query((rs, n) -> lottery(rs, false)).optional();
  }

  public List<Lottery> list(long tenantId, int limit) {
    return jdbc.sql(SELECT + " where tenant_id = :tenant order by id desc limit :limit")
        .param("tenant", tenantId).param("limit", limit).query(this::lottery).list();
  }

  /** The per-lottery secret mixed into draw seeds. */
  public byte[] seedSecret(long lotteryId) {
    return jdbc.sql("select seed_secret from lottery_lotteries where id = :id").param("id", lotteryId)
        .query(byte[].class).single();
  }

  public List<Prize> prizes(long lotteryId) {
    return jdbc.sql("""
            select id, position, name, kind, weight, initial_stock, stock, awarded, per_customer_limit, amount,
              coupon_template_id, value, tier
            from lottery_prizes where lottery_id = :lottery order by position""")
        .param("lottery", lotteryId).query((rs, n) -> prize(rs)).list();
  }

  public static Prize prize(ResultSet rs) throws SQLException {
    return new Prize(rs.getLong("id"), rs.getInt("position"), rs.getString("name"),
        PrizeKind.valueOf(rs.getString("kind")), rs.getInt("weight"), (Integer) rs.getObject("initial_stock"),
        (Integer) rs.getObject("stock"), rs.getInt("awarded"), (Integer) rs.getObject("per_customer_limit"),
        rs.getLong("amount"), (Long) rs.getObject("coupon_template_id"), rs.getLong("value"), rs.getInt("tier"));
  }

  private static final String SELECT = """
      select id, name, status, starts_at, ends_at, guarantee_tier, guarantee_draws, created_by, created_at,
        launched_at
      from lottery_lotteries""";

  private Lottery lottery(ResultSet rs, int n) throws SQLException {
    return lottery(rs, true);
  }

  private Lottery lottery(ResultSet rs, boolean withPrizes) throws SQLException {
    Integer tier = (Integer) rs.getObject("guarantee_tier");
    Timestamp launched = rs.getTimestamp("launched_at");
    long id = rs.getLong("id");
    return new Lottery(id, rs.getString("name"), LotteryStatus.valueOf(rs.getString("status")),
        rs.getTimestamp("starts_at").toInstant(), rs.getTimestamp("ends_at").toInstant(),
        tier == null ? null : new Guarantee(tier, rs.getInt("guarantee_draws")), withPrizes ? prizes(id) : List.of(),
        rs.getString("created_by"), rs.getTimestamp("created_at").toInstant(),
        launched == null ? null : launched.toInstant());
  }
}
