package dev.flywheel.lottery.store;

import dev.flywheel.lottery.Fulfilment;
import dev.flywheel.lottery.FulfilmentStatus;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** Fulfilment tasks of physical prizes; every status change is a conditional update on the old status. */
@Component
public class FulfilmentStore {
  private final JdbcClient jdbc;

  FulfilmentStore(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  public void open(long tenantId, long lotteryId, long drawId, String customerId, long prizeId, String actor,
      Instant now) {
    jdbc.sql("""
            insert into lottery_fulfilments (tenant_id, lottery_id, draw_id, customer_id, prize_id, status,
              updated_by, created_at, updated_at)
            values (:tenant, :lottery, :draw, :customer, :prize, 'PENDING_ADDRESS', :actor, :now, :now)""")
        .param("tenant", tenantId).param("lottery", lotteryId).param("draw", drawId).param("customer", customerId)
        .param("prize", prizeId).param("actor", actor).param("now", Timestamp.from(now)).update();
  }

  public Optional<Fulfilment> forDraw(long drawId) {
    return jdbc.sql(SELECT + " where f.draw_id = :draw").param("draw", drawId).query(this::fulfilment).optional();
  }

  public Optional<Fulfilment> find(long tenantId, long id) {
    return jdbc.sql(SELECT + " where f.tenant_id = :tenant and f.id = :id").param("tenant", tenantId).param("id", id)
        .query(this::fulfilment).optional();
  }

  /** The tenant's tasks, oldest first; {@code status} null = all. */
  public List<Fulfilment> list(long tenantId, FulfilmentStatus status, int limit) {
    return jdbc.sql(SELECT + " where f.tenant_id = :tenant and (cast(:status as text) is null or f.status = :status)"
            + " order by f.id limit :limit")
        .param("tenant", tenantId).param("status", status == null ? null : status.name(), java.sql.Types.VARCHAR)
        .param("limit", limit).query(this::fulfilment).list();
  }

  /** PENDING_ADDRESS or TO_SHIP (a correction before shipping) → TO_SHIP with the address. */
  public boolean address(long tenantId, long id, String customerId, String recipient, String phone, String address,
      String actor, Instant now) {
    return jdbc.sql("""
            update lottery_fulfilments set status = 'TO_SHIP', recipient = :recipient, phone = :phone,
              address = :address, updated_by = :actor, updated_at = :now
            where tenant_id = :tenant and id = :id and customer_id = :customer
              and status in ('PENDING_ADDRESS', 'TO_SHIP')""")
        .param("recipient", recipient).param("phone", phone).param("address", address).param("actor", actor)
        .param("now", Timestamp.from(now)).param("tenant", tenantId).param("id", id).param("customer", customerId)
        .update() == 1;
  }

  /** {@code from} → {@code from.next()}; a tracking number may come with SHIPPED. */
  public boolean advance(long tenantId, long id, FulfilmentStatus from, String trackingNo, String actor, Instant now) {
    return jdbc.sql("""
            update lottery_fulfilments set status = :to, tracking_no = coalesce(:tracking, tracking_no),
              updated_by = :actor, updated_at = :now
            where tenant_id = :tenant and id = :id and status = :from""")
        .param("to", from.next().name()).param("tracking", trackingNo, java.sql.Types.VARCHAR)
        .param("actor", actor).param("now", Timestamp.from(now)).param("tenant", tenantId).param("id", id)
        .param("from", from.name()).update() == 1;
  }

  private static final String SELECT = """
      select f.id, f.lottery_id, f.draw_id, f.customer_id, f.prize_id, p.name as prize_name, f.status, f.recipient,
        f.phone, f.address, f.tracking_no, f.updated_by, f.created_at, f.updated_at
      from lottery_fulfilments f join lottery_prizes p on p.id = f.prize_id""";

  private Fulfilment fulfilment(ResultSet rs, int n) throws SQLException {
    return new Fulfilment(rs.getLong("id"), rs.getLong("lottery_id"), rs.getLong("draw_id"),
        rs.getString("customer_id"), rs.getLong("prize_id"), rs.getString("prize_name"),
        FulfilmentStatus.valueOf(rs.getString("status")), rs.getString("recipient"), rs.getString("phone"),
        rs.getString("address"), rs.getString("tracking_no"), rs.getString("updated_by"),
        rs.getTimestamp("created_at").toInstant(), rs.getTimestamp("updated_at").toInstant());
  }
}
