package dev.flywheel.analytics.goal;

import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;
import dev.flywheel.analytics.Goal;
import java.math.BigDecimal;
import java.sql.Date;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** Goals in {@code analytics_goals}, and the daily actuals they are paced against. */
@Component
public class GoalStore {
  private static final JsonMapper JSON = JsonMapper.builder().build();
  private final JdbcClient jdbc;

  GoalStore(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  /** Empty when the name is taken. */
  public Optional<Goal> insert(long tenantId, Goal g) {
    try {
      long id = jdbc.sql("""
              insert into analytics_goals (tenant_id, name, metric, period_start, period_end, target, alert_percent,
                                           components, created_by, created_at)
              values (:tenant, :name, :metric, :start, :end, :target, :alert, cast(:components as jsonb), :by, :at)
              returning id""")
          .param("tenant", tenantId).param("name", g.name()).param("metric", g.metric().name())
          .param("start", Date.valueOf(g.periodStart())).param("end", Date.valueOf(g.periodEnd()))
          .param("target", g.target()).param("alert", g.alertPercent())
          .param("components", JSON.writeValueAsString(g.components())).param("by", g.createdBy())
          .param("at", Timestamp.from(g.createdAt())).query(Long.class).single();
      return find(tenantId, id);
    } catch (DuplicateKeyException e) {
      return Optional.empty();
    }
  }

  public Optional<Goal> find(long tenantId, long id) {
    return jdbc.sql("select * from analytics_goals where tenant_id = :tenant and id = :id")
        .param("tenant", tenantId).param("id", id).query(GoalStore::map).optional();
  }

  public List<Goal> list(long tenantId) {
    return jdbc.sql("select * from analytics_goals where tenant_id = :tenant order by period_start desc, id desc")
        .param("tenant", tenantId).query(GoalStore::map).list();
  }

  public boolean delete(long tenantId, long id) {
    return jdbc.sql("delete from analytics_goals where tenant_id = :tenant and id = :id")
        .param("tenant", tenantId).param("id", id).update() == 1;
  }

  /** Per UTC day in {@code [from, to]}: the sum of events (or amounts) of {@code types}; days without any are absent. */
  public Map<LocalDate, BigDecimal> daily(long tenantId, List<String> types, boolean amount, LocalDate from, LocalDate to) {
    Map<LocalDate, BigDecimal> days = new LinkedHashMap<>();
    jdbc.sql("""
            select day, sum(%s) from analytics_daily
            where tenant_id = :tenant and type = any(cast(:types as text[])) and day between :from and :to
            group by day order by day""".formatted(amount ? "amount" : "events"))
        .param("tenant", tenantId).param("types", types.toArray(String[]::new))
        .param("from", Date.valueOf(from)).param("to", Date.valueOf(to))
        .query((rs, n) -> days.put(rs.getDate(1).toLocalDate(), rs.getBigDecimal(2))).list();
    return days;
  }

  private static Goal map(ResultSet rs, int n) throws SQLException {
    List<Goal.Component> components = JSON.readValue(rs.getString("components"), new TypeReference<>() {});
      return new Goal(rs.getLong("id"), rs.getString("name"), Goal.Metric.valueOf(rs.getString("metric")),
          rs.getDate("period_start").toLocalDate(), rs.getDate("period_end").toLocalDate(),
          rs.getBigDecimal("target"), rs.getInt("alert_percent"), components, rs.getString("created_by"),
          rs.getTimestamp("created_at").toInstant());
  }
}
