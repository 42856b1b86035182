package dev.flywheel.analytics;

import dev.flywheel.platform.web.FieldIssue;
import dev.flywheel.platform.web.Problem;
import java.sql.Date;
import java.time.LocalDate;
import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/**
 * The stage-transition (flow) view: how many customers moved between which loan stages and
 * lifecycle stages over a period, from the daily transition counters. Thread-safe.
 */
@Service
public class Flows {
  private final JdbcClient jdbc;

  Flows(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  public enum Kind { LOAN, LIFECYCLE }

  /** Transitions from one stage to another; {@code from} is null for a customer's first stage. */
  public record Flow(Kind kind, String from, String to, long transitions) {}

  /** Transitions on UTC days {@code [from, to]}, of one kind or (null) both; most frequent first per kind. */
  public List<Flow> between(long tenantId, Kind kind, LocalDate from, LocalDate to) {
    if (from == null || to == null || to.isBefore(from) || from.plusDays(1000).isBefore(to)) {
      throw Problem.invalid("invalid-period", "The period is invalid",
          List.of(new FieldIssue("to", "invalid-period", "from must not be after to, at most 1,000 days")));
    }
    return jdbc.sql("""
            select kind, from_stage, to_stage, sum(transitions) as n from analytics_flow_daily
            where tenant_id = :tenant and day between :from and :to and (cast(:kind as text) is null or kind = :kind)
            group by kind, from_stage, to_stage
            order by kind, n desc, from_stage, to_stage""")
        .param("tenant", tenantId).param("from", Date.valueOf(from)).param("to", Date.valueOf(to))
        .param("kind", kind == null ? null : kind.name())
        .query((rs, i) -> new Flow(Kind.valueOf(rs.getString(1)), rs.getString(2).isEmpty() ? null : rs.getString(2),
            rs.getString(3), rs.getLong(4)))
        .list();
  }
}
