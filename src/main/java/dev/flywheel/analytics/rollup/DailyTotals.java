package dev.flywheel.analytics.rollup;

import dev.flywheel.event.EventAccepted;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The additive rollups of some events: events and amounts per day and type
 * ({@code analytics_daily}) and funder decisions per day and funder ({@code analytics_funder_daily}).
 * Summed in memory, then added to the stored rows in key order (so concurrent writers cannot
 * deadlock). Adding is not idempotent: each event must be added exactly once.
 */
final class DailyTotals {
  private final Map<List<Object>, BigDecimal[]> daily = new TreeMap<>(DailyTotals::compareKeys);
  private final Map<List<Object>, BigDecimal[]> funders = new TreeMap<>(DailyTotals::compareKeys);

  void add(EventAccepted e) {
    LocalDate day = LocalDate.ofInstant(e.occurredAt(), ZoneOffset.UTC);
    BigDecimal[] sums = daily.computeIfAbsent(List.of(day, e.type()), k -> new BigDecimal[] {BigDecimal.ZERO, BigDecimal.ZERO});
    sums[0] = sums[0].add(BigDecimal.ONE);
    sums[1] = sums[1].add(CustomerFold.amount(e));
    if ("funder_decision".equals(e.type()) && e.attributes() != null && e.attributes().get("funder") instanceof String funder) {
      BigDecimal[] r = funders.computeIfAbsent(List.of(day, funder),
          k -> new BigDecimal[] {BigDecimal.ZERO, BigDecimal.ZERO, BigDecimal.ZERO, BigDecimal.ZERO});
      r[0] = r[0].add(BigDecimal.ONE);
      boolean approved = "approved".equals(e.attributes().get("result"));
      r[1] = approved ? r[1].add(BigDecimal.ONE) : r[1];
      if (approved && e.attributes().get("credit_line") instanceof Number line) {
        r[2] = r[2].add(new BigDecimal(line.toString()));
        r[3] = r[3].add(BigDecimal.ONE);
      }
    }
  }

  void write(JdbcClient jdbc, long tenantId) {
    if (!daily.isEmpty()) {
      addDaily(jdbc, tenantId);
    }
    if (!funders.isEmpty()) {
      addFunderDecisions(jdbc, tenantId);
    }
  }

  private void addDaily(JdbcClient jdbc, long tenantId) {
    List<String> days = new ArrayList<>(), types = new ArrayList<>();
    List<Long> counts = new ArrayList<>();
    List<BigDecimal> amounts = new ArrayList<>();
    daily.forEach((k, v) -> {
      days.add(k.get(0).toString());
      types.add((String) k.get(1));
      counts.add(v[0].longValueExact());
      amounts.add(v[1]);
    });
    jdbc.sql("""
            insert into analytics_daily as d (tenant_id, day, type, events, amount)
            select :tenant, v.d::date, v.t, v.n, v.a
            from unnest(cast(:d as text[]), cast(:t as text[]), cast(:n as bigint[]), cast(:a as numeric[])) as v(d, t, n, a)
            on conflict (tenant_id, day, type) do update set
              events = d.events + excluded.events, amount = d.amount + excluded.amount""")
        .param("tenant", tenantId).param("d", days.toArray(String[]::new)).param("t", types.toArray(String[]::new))
        .param("n", counts.toArray(Long[]::new)).param("a", amounts.toArray(BigDecimal[]::new)).update();
  }

  private void addFunderDecisions(JdbcClient jdbc, long tenantId) {
    List<String> days = new ArrayList<>(), names = new ArrayList<>();
    List<Long> decisions = new ArrayList<>(), approvals = new ArrayList<>(), lines = new ArrayList<>();
    List<BigDecimal> sums = new ArrayList<>();
    funders.forEach((k, v) -> {
      days.add(k.get(0).toString());
      names.add((String) k.get(1));
      decisions.add(v[0].longValue());
      approvals.add(v[1].longValue());
      sums.add(v[2]);
      lines.add(v[3].longValue());
    });
    jdbc.sql("""
            insert into analytics_funder_daily as f (tenant_id, day, funder, decisions, approvals, line_sum, lines)
            select :tenant, v.d::date, v.f, v.n, v.a, v.s, v.l
            from unnest(cast(:d as text[]), cast(:f as text[]), cast(:n as bigint[]), cast(:a as bigint[]),
                        cast(:s as numeric[]), cast(:l as bigint[])) as v(d, f, n, a, s, l)
            on conflict (tenant_id, day, funder) do update set decisions = f.decisions + excluded.decisions,
              approvals = f.approvals + excluded.approvals, line_sum = f.line_sum + excluded.line_sum,
              lines = f.lines + excluded.lines""")
        .param("tenant", tenantId).param("d", days.toArray(String[]::new)).param("f", names.toArray(String[]::new))
        .param("n", decisions.toArray(Long[]::new)).param("a", approvals.toArray(Long[]::new))
        .param("s", sums.toArray(BigDecimal[]::new)).param("l", lines.toArray(Long[]::new)).update();
  }

  @SuppressWarnings({"unchecked", "rawtypes"})
  static int compareKeys(List<Object> a, List<Object> b) {
    for (int i = 0; i < a.size(); i++) {
      int c = ((Comparable) a.get(i)).compareTo(b.get(i));
      if (c != 0) {
        return c;
      }
    }
    return 0;
  }
}
