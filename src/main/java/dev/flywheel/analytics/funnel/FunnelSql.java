package dev.flywheel.analytics.funnel;

import dev.flywheel.analytics.Breakdown;
import java.util.ArrayList;
import java.util.List;

/**
 * Builds the funnel SQL over {@code analytics_customers} (one row per customer, no joins): step
 * k counts when its first time is at or after step k-1's and within the window from step 1.
 * {@code columns} are array references such as {@code c.firsts[3]} (null when never seen).
 * The inner select reads each array element once ({@code offset 0} keeps the planner from
 * inlining it: inlined, every reference in the chain of step conditions subscripts the arrays
 * again, which made the scan the bulk of the funnel's time).
 */
public final class FunnelSql {
  private FunnelSql() {}

  /** The group expression of a breakdown, over the customer row {@code c} and entry time {@code t1}. */
  public static String group(Breakdown breakdown) {
    String entry = "(timestamp '2020-01-01' + t1 * interval '1 second')";
    String group = switch (breakdown) {
      case NONE -> "'all'";
      case CHANNEL -> "coalesce(c.channel, '(none)')";
      case VARIANT -> "coalesce(c.variant, '(none)')";
      case FUNDER -> "coalesce(c.funder, '(none)')";
      case CAMPAIGN -> "coalesce(c.campaign, '(none)')";
      case COHORT_DAY -> "to_char(date_trunc('day', " + entry + "), 'YYYY-MM-DD')";
      case COHORT_WEEK -> "to_char(date_trunc('week', " + entry + "), 'YYYY-MM-DD')";
      case COHORT_MONTH -> "to_char(date_trunc('month', " + entry + "), 'YYYY-MM')";
    };
    return group;
  }

  /**
   * Per-customer step times {@code s1..sN} (null = not reached) and the group {@code g}, for
   * customers who entered in {@code [:from, :to)}; parameters {@code :tenant :from :to :window}.
   */
  public static String reached(List<String> columns, Breakdown breakdown) {
    StringBuilder raw = new StringBuilder();
    for (int i = 0; i < columns.size(); i++) {
      raw.append(", ").append(columns.get(i)).append(" as t").append(i + 1);
    }
    List<String> steps = new ArrayList<>(List.of("t1 as s1"));
    String previous = "t1";
    for (int k = 2; k <= columns.size(); k++) {
      String s = "case when t%1$d >= %2$s and t%1$d <= t1 + :window then t%1$d end".formatted(k, previous);
      steps.add(s + " as s" + k);
      previous = "(" + s + ")";
    }
    return """
        select c.customer_id as id, %s as g, %s
        from (select c.customer_id, c.channel, c.variant, c.funder, c.campaign%s
              from analytics_customers c
              where c.tenant_id = :tenant and %s >= :from and %s < :to
              offset 0) c"""
        .formatted(group(breakdown), String.join(", ", steps), raw, columns.getFirst(), columns.getFirst());
  }

  /** Counts and medians per group plus the total ({@code total = 1}). */
  public static String aggregate(List<String> columns, Breakdown breakdown) {
    StringBuilder select = new StringBuilder("select grouping(g) as total, g");
    for (int k = 1; k <= columns.size(); k++) {
      select.append(", count(s").append(k).append(") as n").append(k);
      select.append(k == 1 ? ", null::float8 as m1"
          : ", percentile_cont(0.5) within group (order by s%1$d - s%2$d) as m%1$d".formatted(k, k - 1));
    }
    return select + " from (" + reached(columns, breakdown) + ") r group by grouping sets ((g), ())";
  }
}
