package dev.flywheel.analytics.rollup;

import dev.flywheel.platform.db.SqlArrays;
import java.time.LocalDate;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import javax.sql.DataSource;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * A transaction's lifecycle- and loan-stage changes, counted in memory and written with one
 * statement per table (rows in key order, so concurrent transactions lock the shared day rows in
 * the same order): {@code analytics_lifecycle_daily} (entered / exited per day and stage) and
 * {@code analytics_flow_daily} (transitions per day, kind and (from, to)). A batch of ingested
 * events moves many customers' stages; one upsert per change made the batch wait on a round trip
 * per change and hold the day's hot rows longer.
 */
final class StageCounts {
  record Stage(long tenantId, LocalDate day, String stage) {}

  record Flow(long tenantId, LocalDate day, String kind, String from, String to) {}

  private static final Comparator<Stage> STAGE_ORDER = Comparator.comparingLong(Stage::tenantId)
      .thenComparing(Stage::day).thenComparing(Stage::stage);
  private static final Comparator<Flow> FLOW_ORDER = Comparator.comparingLong(Flow::tenantId)
      .thenComparing(Flow::day).thenComparing(Flow::kind).thenComparing(Flow::from).thenComparing(Flow::to);

  private final Map<Stage, long[]> stages = new TreeMap<>(STAGE_ORDER); // {entered, exited}
  private final Map<Flow, long[]> flows = new TreeMap<>(FLOW_ORDER);

  void lifecycle(long tenantId, LocalDate day, String from, String to) {
    stages.computeIfAbsent(new Stage(tenantId, day, to), k -> new long[2])[0]++;
    if (from != null) {
      stages.computeIfAbsent(new Stage(tenantId, day, from), k -> new long[2])[1]++;
    }
    flow(tenantId, day, "LIFECYCLE", from == null ? "" : from, to);
  }

  void flow(long tenantId, LocalDate day, String kind, String from, String to) {
    flows.computeIfAbsent(new Flow(tenantId, day, kind, from, to), k -> new long[1])[0]++;
  }

  boolean isEmpty() {
    return stages.isEmpty() && flows.isEmpty();
  }

  /** Adds the counts to the tables and forgets them. */
  void write(JdbcClient jdbc, DataSource dataSource) {
    if (!stages.isEmpty()) {
      List<Map.Entry<Stage, long[]>> rows = List.copyOf(stages.entrySet());
      jdbc.sql("""
              insert into analytics_lifecycle_daily as l (tenant_id, day, stage, entered, exited)
              select t, cast(d as date), s, e, x
              from unnest(cast(:tenants as bigint[]), cast(:days as text[]), cast(:stages as text[]),
                          cast(:entered as bigint[]), cast(:exited as bigint[])) with ordinality u(t, d, s, e, x, ord)
              order by ord
              on conflict (tenant_id, day, stage) do update set
                entered = l.entered + excluded.entered, exited = l.exited + excluded.exited""")
          .param("tenants", array(dataSource, "int8", rows.stream().map(r -> r.getKey().tenantId()).toArray()))
          .param("days", array(dataSource, "text", rows.stream().map(r -> r.getKey().day().toString()).toArray()))
          .param("stages", array(dataSource, "text", rows.stream().map(r -> r.getKey().stage()).toArray()))
          .param("entered", array(dataSource, "int8", rows.stream().map(r -> r.getValue()[0]).toArray()))
          .param("exited", array(dataSource, "int8", rows.stream().map(r -> r.getValue()[1]).toArray()))
          .update();
      stages.clear();
    }
    if (!flows.isEmpty()) {
      List<Map.Entry<Flow, long[]>> rows = List.copyOf(flows.entrySet());
      jdbc.sql("""
              insert into analytics_flow_daily as f (tenant_id, day, kind, from_stage, to_stage, transitions)
              select t, cast(d as date), k, fr, tg, n
              from unnest(cast(:tenants as bigint[]), cast(:days as text[]), cast(:kinds as text[]),
                          cast(:froms as text[]), cast(:tos as text[]), cast(:counts as bigint[]))
                with ordinality u(t, d, k, fr, tg, n, ord)
              order by ord
              on conflict (tenant_id, day, kind, from_stage, to_stage) do update set
                transitions = f.transitions + excluded.transitions""")
          .param("tenants", array(dataSource, "int8", rows.stream().map(r -> r.getKey().tenantId()).toArray()))
          .param("days", array(dataSource, "text", rows.stream().map(r -> r.getKey().day().toString()).toArray()))
          .param("kinds", array(dataSource, "text", rows.stream().map(r -> r.getKey().kind()).toArray()))
          .param("froms", array(dataSource, "text", rows.stream().map(r -> r.getKey().from()).toArray()))
          .param("tos", array(dataSource, "text", rows.stream().map(r -> r.getKey().to()).toArray()))
          .param("counts", array(dataSource, "int8", rows.stream().map(r -> r.getValue()[0]).toArray()))
          .update();
      flows.clear();
    }
  }

  private static java.sql.Array array(DataSource dataSource, String type, Object[] values) {
    return SqlArrays.of(dataSource, type, values);
  }
}
