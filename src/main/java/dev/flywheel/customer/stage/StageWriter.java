package dev.flywheel.customer.stage;

import dev.flywheel.customer.LifecycleStage;
import dev.flywheel.customer.LoanStage;
import dev.flywheel.platform.db.SqlArrays;
import java.sql.Array;
import java.sql.Date;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.function.Function;
import javax.sql.DataSource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The set-based SQL behind a flush: every method is one statement for any number of customers
 * (arrays + {@code unnest}), so a batch of 1,000 events costs a handful of round trips. Must run
 * inside a transaction (rows are locked {@code for update} until commit).
 */
@Component
class StageWriter {
  private final JdbcClient jdbc;
  private final DataSource dataSource;

  StageWriter(JdbcClient jdbc, DataSource dataSource) {
    this.jdbc = jdbc;
    this.dataSource = dataSource;
  }

  /** Creates the customers not seen before; {@code firstSeen[i]} becomes their creation time. */
  void ensureExist(long tenantId, String[] ids, Instant[] firstSeen, Instant now) {
    jdbc.sql("""
            insert into customers (tenant_id, id, lifecycle_stage_at, created_at, updated_at)
            select :tenant, v.id, :now, v.first_seen, :now
            from unnest(:ids, :firstSeen) as v(id, first_seen)
            on conflict (tenant_id, id) do nothing""")
        .param("tenant", tenantId).param("now", Timestamp.from(now))
        .param("ids", array("text", ids)).param("firstSeen", array("timestamptz", java.util.Arrays.stream(firstSeen).map(StageWriter::iso).toArray()))
        .update();
  }

  /** Loads and locks the rows, in id order so concurrent flushes cannot deadlock. */
  List<StageState> lock(long tenantId, String[] ids) {
    return jdbc.sql("""
            select * from customers where tenant_id = :tenant and id = any(:ids)
            order by id for update""")
        .param("tenant", tenantId).param("ids", array("text", ids))
        .query((rs, n) -> map(tenantId, rs)).list();
  }

  void write(long tenantId, Collection<StageState> states, Instant now) {
    jdbc.sql("""
            update customers c set
              acquisition_channel = v.acquisition_channel, invited_by = v.invited_by, acquired_at = v.acquired_at,
              registered_at = v.registered_at, registered_platform = v.registered_platform,
              h5_only = v.h5_only, loan_stage = v.loan_stage, loan_stage_at = v.loan_stage_at,
              application_step = v.application_step, funder = v.funder, credit_line = v.credit_line,
              overdue_days = v.overdue_days, lifecycle_stage = v.lifecycle_stage,
              lifecycle_stage_at = v.lifecycle_stage_at, last_active_at = v.last_active_at,
              last_active_day = v.last_active_day, active_days = v.active_days,
              recalled_at = v.recalled_at, updated_at = :now
            from unnest(:ids, :channels, :invitedBy, :acquired, :registered, :platforms, :h5, :loanStages,
                         :loanAt, :steps, :funders, :lines, :overdue, :lifeStages, :lifeAt,
                         :lastActive, :lastDay, :activeDays, :recalled)
              as v(id, acquisition_channel, invited_by, acquired_at, registered_at, registered_platform, h5_only,
                   loan_stage, loan_stage_at, application_step, funder, credit_line, overdue_days,
                   lifecycle_stage, lifecycle_stage_at, last_active_at, last_active_day,
                   active_days, recalled_at)
            where c.tenant_id = :tenant and c.id = v.id""")
        .param("tenant", tenantId).param("now", Timestamp.from(now))
        .param("ids", column(states, "text", s -> s.customerId))
        .param("channels", column(states, "text", s -> s.acquisitionChannel))
        .param("invitedBy", column(states, "text", s -> s.invitedBy))
        .param("acquired", column(states, "timestamptz", s -> iso(s.acquiredAt)))
        .param("registered", column(states, "timestamptz", s -> iso(s.registeredAt)))
        .param("platforms", column(states, "text", s -> s.registeredPlatform))
        .param("h5", column(states, "bool", s -> s.h5Only))
        .param("loanStages", column(states, "text", s -> s.loanStage.name()))
        .param("loanAt", column(states, "timestamptz", s -> iso(s.loanStageAt)))
        .param("steps", column(states, "text", s -> s.applicationStep))
        .param("funders", column(states, "text", s -> s.funder))
        .param("lines", column(states, "numeric", s -> s.creditLine))
        .param("overdue", column(states, "int4", s -> s.overdueDays))
        .param("lifeStages", column(states, "text", s -> s.lifecycleStage.name()))
        .param("lifeAt", column(states, "timestamptz", s -> iso(s.lifecycleStageAt)))
        .param("lastActive", column(states, "timestamptz", s -> iso(s.lastActiveAt)))
        .param("lastDay", column(states, "date", s -> s.lastActiveDay == null ? null : s.lastActiveDay.toString()))
        .param("activeDays", column(states, "int4", s -> s.activeDays))
        .param("recalled", column(states, "timestamptz", s -> iso(s.recalledAt)))
        .update();
  }

  void record(List<HistoryRow> rows) {
    if (rows.isEmpty()) {
      return;
    }
    jdbc.sql("""
            insert into customer_stage_history (tenant_id, customer_id, kind, from_stage, to_stage, at, cause)
            select * from unnest(:tenants, :customers, :kinds, :froms, :tos, :ats, :causes)""")
        .param("tenants", column(rows, "int8", HistoryRow::tenantId))
        .param("customers", column(rows, "text", HistoryRow::customerId))
        .param("kinds", column(rows, "text", HistoryRow::kind))
        .param("froms", column(rows, "text", HistoryRow::from))
        .param("tos", column(rows, "text", HistoryRow::to))
        .param("ats", column(rows, "timestamptz", r -> iso(r.at())))
        .param("causes", column(rows, "text", HistoryRow::cause))
        .update();
  }

  private <T> Array column(Collection<T> rows, String type, Function<T, Object> value) {
    return array(type, rows.stream().map(value).toArray());
  }

  private java.sql.Array array(String type, Object[] values) {
    return SqlArrays.of(dataSource, type, values);
  }

  /** Array elements travel as ISO-8601 text, so no time-zone conversion can creep in. */
  private static String iso(Instant instant) {
    return instant == null ? null : instant.toString();
  }

  private static StageState map(long tenantId, ResultSet rs) throws SQLException {
    StageState s = new StageState(tenantId, rs.getString("id"));
    s.acquisitionChannel = rs.getString("acquisition_channel");
    s.invitedBy = rs.getString("invited_by");
    s.acquiredAt = instant(rs, "acquired_at");
    s.registeredAt = instant(rs, "registered_at");
    s.registeredPlatform = rs.getString("registered_platform");
    s.h5Only = rs.getBoolean("h5_only");
    s.loanStage = LoanStage.valueOf(rs.getString("loan_stage"));
    s.loanStageAt = instant(rs, "loan_stage_at");
    s.applicationStep = rs.getString("application_step");
    s.funder = rs.getString("funder");
    s.creditLine = rs.getBigDecimal("credit_line");
    s.overdueDays = (Integer) rs.getObject("overdue_days");
    s.lifecycleStage = LifecycleStage.valueOf(rs.getString("lifecycle_stage"));
    s.lifecycleStageAt = instant(rs, "lifecycle_stage_at");
    s.lastActiveAt = instant(rs, "last_active_at");
    Date day = rs.getDate("last_active_day");
    s.lastActiveDay = day == null ? null : day.toLocalDate();
    s.activeDays = rs.getInt("active_days");
    s.recalledAt = instant(rs, "recalled_at");
    s.createdAt = instant(rs, "created_at");
    return s;
  }

  static Instant instant(ResultSet rs, String column) throws SQLException {
    Timestamp t = rs.getTimestamp(column);
    return t == null ? null : t.toInstant();
  }

}
