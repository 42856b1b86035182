package dev.flywheel.analytics;

import java.util.List;

/**
 * The reference: a funnel straight from raw events with plain SQL (group by customer, min per
 * step), sharing no code with the product. Runs on PostgreSQL and DuckDB alike, over a relation
 * {@code ev(customer_id, type, kv, t, channel)}: {@code kv} the key attribute's value (page,
 * step or result), {@code t} whole seconds since 2020-01-01. Answers (g, n1.., m2..) per group
 * and the total ({@code g} null).
 */
public final class NaiveFunnel {
  private NaiveFunnel() {}

  public static String condition(String milestone) {
    int colon = milestone.indexOf(':');
    return colon < 0 ? "type = '" + milestone + "'"
        : "type = '" + milestone.substring(0, colon) + "' and kv = '" + milestone.substring(colon + 1) + "'";
  }

  public static String sql(List<String> steps, boolean byChannel, long from, long to, long window) {
    StringBuilder firsts = new StringBuilder("select customer_id, min(case when channel is not null"
        + " then lpad(cast(t as varchar), 11, '0') || channel end) as ck");
    for (int i = 1; i <= steps.size(); i++) {
      firsts.append(", min(case when ").append(condition(steps.get(i - 1).replace("#2", ""))).append(" then t end) as f").append(i);
    }
    firsts.append(" from ev group by customer_id");
    StringBuilder seconds = new StringBuilder("select ev.customer_id");
    for (int i = 1; i <= steps.size(); i++) {
      String step = steps.get(i - 1);
      seconds.append(step.endsWith("#2")
          ? ", min(case when " + condition(step.replace("#2", "")) + " and t > f.f" + i + " then t end) as t" + i
          : ", min(f.f" + i + ") as t" + i);
    }
    seconds.append(" from ev join firsts f on f.customer_id = ev.customer_id where f.f1 >= ").append(from)
        .append(" and f.f1 < ").append(to).append(" group by ev.customer_id");
    StringBuilder reach = new StringBuilder("select ")
        .append(byChannel ? "coalesce(substr(f.ck, 12), '(none)')" : "'all'").append(" as g, t1 as s1");
    String previous = "t1";
    for (int k = 2; k <= steps.size(); k++) {
      String s = "case when t" + k + " >= " + previous + " and t" + k + " <= t1 + " + window + " then t" + k + " end";
      reach.append(", ").append(s).append(" as s").append(k);
      previous = "(" + s + ")";
    }
    reach.append(" from times join firsts f on f.customer_id = times.customer_id");
    StringBuilder agg = new StringBuilder("select g");
    for (int k = 1; k <= steps.size(); k++) {
      agg.append(", count(s").append(k).append(") as n").append(k);
      if (k > 1) {
        agg.append(", percentile_cont(0.5) within group (order by s").append(k).append(" - s").append(k - 1)
            .append(") as m").append(k);
      }
    }
    return "with firsts as (" + firsts + "), times as (" + seconds + ") " + agg + " from (" + reach
        + ") r group by grouping sets ((g), ())";
  }

  /** {@code ev} over PostgreSQL's {@code events} table for one tenant ({@code ?} = tenant id). */
  public static final String PG_EVENTS = """
      ev as (select customer_id, type, channel,
                    coalesce(attributes->>'page', attributes->>'step', attributes->>'result') as kv,
                    cast(extract(epoch from occurred_at) - 1577836800 as bigint) as t
             from events where tenant_id = ?)""";
}
