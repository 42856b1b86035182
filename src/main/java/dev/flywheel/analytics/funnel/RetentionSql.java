package dev.flywheel.analytics.funnel;

import dev.flywheel.analytics.rollup.ReturnEvents;

/** SQL pieces of the retention questions over {@code analytics_customers} (see {@code Retention}). */
public final class RetentionSql {
  private RetentionSql() {}

  /** The activity period number (see {@code Periods}) of a time in seconds since 2020-01-01 UTC. */
  public static String cohortPeriod(boolean week, String seconds) {
    String shifted = "(" + seconds + " + 172800)";
    return week ? "((" + shifted + " - ((" + shifted + " % 604800) + 604800) % 604800) / 604800)"
        : "cast((extract(year from timestamp '2020-01-01' + " + seconds + " * interval '1 second') - 2020) * 12"
            + " + extract(month from timestamp '2020-01-01' + " + seconds + " * interval '1 second') - 1 as int)";
  }

  /**
   * The same cells for a key return event: one scan of the cohort's customer rows, each row's
   * encoded periods of that event ({@code slot * SPAN + period}) unnested in the select list
   * (cheap ProjectSet, no per-row subquery), no join. (A single-pass variant with a leading
   * {@code -1} element standing for the cohort size measured slower: the planner sorts rather
   * than hashes the SRF output and does not aggregate in the parallel workers.)
   */
  public static String fromCustomerRows(boolean weekly, String cohortOf, int index, int slot) {
    int base = slot * ReturnEvents.SPAN;
    return """
        with k as materialized (
          select %1$s as c, c.%2$s as r from analytics_customers c
          where c.tenant_id = :tenant and c.firsts[%3$d] >= :from and c.firsts[%3$d] < :to)
        select c as cohort, -1 as n, count(*) as customers from k group by c
        union all
        select c, v - %4$d - c, count(*) from (select c, unnest(r) as v from k) u
        where v >= %4$d + c and v < %5$d
        group by 1, 2
        order by 1, 2""".formatted(cohortOf, weekly ? "return_weeks" : "return_months", index, base, base + ReturnEvents.SPAN);
  }
}
