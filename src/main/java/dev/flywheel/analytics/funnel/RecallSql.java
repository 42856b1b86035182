package dev.flywheel.analytics.funnel;

import dev.flywheel.analytics.Breakdown;
import java.util.List;

/**
 * The recall funnel's SQL over {@code analytics_occurrences}: a customer enters at their first
 * {@code steps[0]} in {@code [:from, :to)}; step k is the first occurrence of its type at or after
 * step k-1's time and no later than entry + {@code :window}. Breakdown attributes come from the
 * customer row ({@code analytics_customers c}).
 */
public final class RecallSql {
  private RecallSql() {}

  /** Per-customer step times {@code s1..sN}, the group {@code g} and {@code id}. */
  public static String reached(List<String> types, Breakdown breakdown) {
    StringBuilder select = new StringBuilder("select r.id, " + FunnelSql.group(breakdown) + " as g, r.t1 as s1");
    StringBuilder joins = new StringBuilder();
    String previous = "r.t1";
    for (int k = 2; k <= types.size(); k++) {
      select.append(", s").append(k).append(".t as s").append(k);
      joins.append("""
           left join lateral (select min(x) as t from analytics_occurrences o, unnest(o.times) x
                              where o.tenant_id = :tenant and o.type = '%s' and o.customer_id = r.id
                                and x >= %s and x <= r.t1 + :window) s%d on true
          """.formatted(types.get(k - 1).replace("'", ""), previous, k));
      previous = "s" + k + ".t";
    }
    return select + """
         from (select o.customer_id as id, min(x) as t1 from analytics_occurrences o, unnest(o.times) x
               where o.tenant_id = :tenant and o.type = '%s' and x >= :from and x < :to group by o.customer_id) r
         left join analytics_customers c on c.tenant_id = :tenant and c.customer_id = r.id
        """.formatted(types.getFirst().replace("'", "")) + joins;
  }

  /** Counts and medians per group plus the total ({@code total = 1}), as {@link FunnelSql#aggregate}. */
  public static String aggregate(List<String> types, Breakdown breakdown) {
    StringBuilder select = new StringBuilder("select grouping(g) as total, g");
    for (int k = 1; k <= types.size(); k++) {
      select.append(", count(s").append(k).append(") as n").append(k);
      select.append(k == 1 ? ", null::float8 as m1"
          : ", percentile_cont(0.5) within group (order by s%1$d - s%2$d) as m%1$d".formatted(k, k - 1));
    }
    return select + " from (" + reached(types, breakdown)
        + ") r group by grouping sets ((g), ())";
  }
}
