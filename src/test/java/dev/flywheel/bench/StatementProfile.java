package dev.flywheel.bench;

import java.util.Locale;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Where a durable benchmark's database time goes: with {@code -Dflywheel.bench.statements=true}
 * the durable servers load {@code pg_stat_statements}; {@link #reset} clears it before the
 * measured rounds and {@link #appendTo} adds the statements with the most execution time to the
 * report. Off by default (the extension adds a little cost to every statement).
 */
final class StatementProfile {
  private StatementProfile() {}

  static boolean enabled() {
    return Boolean.getBoolean("flywheel.bench.statements");
  }

  static void reset(JdbcClient jdbc) {
    if (enabled()) {
      jdbc.sql("create extension if not exists pg_stat_statements").update();
      jdbc.sql("select pg_stat_statements_reset()").query(Object.class).list();
    }
  }

  /** The top statements by total execution time since {@link #reset}, per call and per {@code unit}. */
  static void appendTo(BenchReport report, JdbcClient jdbc, long units, String unit) {
    if (!enabled()) {
      return;
    }
    report.line("").line("Top statements by execution time in the measured rounds (pg_stat_statements):").line("")
        .header("statement", "calls", "total ms", "mean ms", "rows", "µs per " + unit);
    jdbc.sql("""
            select regexp_replace(query, '\\s+', ' ', 'g'), calls, total_exec_time, mean_exec_time, rows
            from pg_stat_statements order by total_exec_time desc limit 15""")
        .query(rs -> {
          String query = rs.getString(1);
          report.row("`" + (query.length() > 110 ? query.substring(0, 110) + "…" : query).replace("|", "\\|") + "`",
              String.format(Locale.ROOT, "%,d", rs.getLong(2)), String.format(Locale.ROOT, "%,.0f", rs.getDouble(3)),
              String.format(Locale.ROOT, "%.3f", rs.getDouble(4)), String.format(Locale.ROOT, "%,d", rs.getLong(5)),
              String.format(Locale.ROOT, "%.1f", units == 0 ? 0 : rs.getDouble(3) * 1000 / units));
        });
  }
}
