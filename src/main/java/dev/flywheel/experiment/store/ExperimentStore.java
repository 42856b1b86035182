package dev.flywheel.experiment.store;

import dev.flywheel.event.EventAccepted;
import dev.flywheel.experiment.Experiment;
import dev.flywheel.experiment.Experiment.Status;
import dev.flywheel.experiment.Experiment.Subject;
import dev.flywheel.experiment.Experiment.Variant;
import dev.flywheel.experiment.NewExperiment;
import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Experiments and their variants, exposures and conversion counts. */
@Repository
public class ExperimentStore {
  private final JdbcClient jdbc;

  ExperimentStore(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  /** False when the key is taken. */
  public boolean insert(long tenantId, NewExperiment e, String actor, Instant now) {
    int rows = jdbc.sql("""
        INSERT INTO experiment_experiments (tenant_id, key, name, subject, primary_metric, guardrail_metrics,
          created_by, created_at)
        VALUES (:t, :key, :name, :subject, :primary, :guardrails, :actor, :now)
        ON CONFLICT DO NOTHING""")
        .param("t", tenantId).param("key", e.key()).param("name", e.name()).param("subject", e.subject().name())
        .param("primary", e.primaryMetric()).param("guardrails", e.guardrailMetrics().toArray(String[]::new))
        .param("actor", actor).param("now", Timestamp.from(now)).update();
    if (rows == 0) {
      return false;
    }
    for (int i = 0; i < e.variants().size(); i++) {
      Variant v = e.variants().get(i);
      jdbc.sql("INSERT INTO experiment_variants (tenant_id, experiment_key, position, name, weight)"
              + " VALUES (:t, :key, :pos, :name, :weight)")
          .param("t", tenantId).param("key", e.key()).param("pos", i).param("name", v.name())
          .param("weight", v.weight()).update();
    }
    return true;
  }

  public Optional<Experiment> find(long tenantId, String key) {
    return jdbc.sql("SELECT * FROM experiment_experiments WHERE tenant_id = :t AND key = :key")
        .param("t", tenantId).param("key", key).query((rs, n) -> row(rs, variants(tenantId, key))).optional();
  }

  public List<Experiment> list(long tenantId) {
    return jdbc.sql("SELECT key FROM experiment_experiments WHERE tenant_id = :t ORDER BY created_at DESC, key")
        .param("t", tenantId).query(String.class).list().stream()
        .map(key -> find(tenantId, key).orElseThrow()).toList();
  }

  private List<Variant> variants(long tenantId, String key) {
    return jdbc.sql("SELECT name, weight FROM experiment_variants WHERE tenant_id = :t AND experiment_key = :key"
            + " ORDER BY position")
        .param("t", tenantId).param("key", key).query((rs, n) -> new Variant(rs.getString(1), rs.getInt(2))).list();
  }

  /** Records the first exposure; returns the stored one (this call's or an earlier call's). */
  public Exposed expose(long tenantId, String key, String customerId, String variant, Instant now) {
    int rows = jdbc.sql("""
        INSERT INTO experiment_exposures (tenant_id, experiment_key, customer_id, variant, exposed_at)
        VALUES (:t, :key, :c, :variant, :now) ON CONFLICT DO NOTHING""")
        .param("t", tenantId).param("key", key).param("c", customerId).param("variant", variant)
        .param("now", Timestamp.from(now)).update();
    return jdbc.sql("SELECT variant, exposed_at FROM experiment_exposures"
            + " WHERE tenant_id = :t AND experiment_key = :key AND customer_id = :c")
        .param("t", tenantId).param("key", key).param("c", customerId)
        .query((rs, n) -> new Exposed(rs.getString(1), rs.getTimestamp(2).toInstant(), rows == 1)).single();
  }

  public record Exposed(String variant, Instant at, boolean recorded) {}

  /**
   * Counts accepted events as conversions for every experiment (not stopped) that has the
   * customer exposed at or before the event and the event's type among its metrics; once per
   * customer and metric (the earliest event of the batch wins; an earlier stored one stays).
   */
  public int convert(List<EventAccepted> events) {
    int n = events.size();
    String[] tenants = new String[n];
    String[] customers = new String[n];
    String[] types = new String[n];
    String[] ats = new String[n];
    for (int i = 0; i < n; i++) {
      EventAccepted e = events.get(i);
      tenants[i] = Long.toString(e.tenantId());
      customers[i] = e.customerId();
      types[i] = e.type();
      ats[i] = e.occurredAt().toString();
    }
    return jdbc.sql("""
        INSERT INTO experiment_conversions (tenant_id, experiment_key, customer_id, metric, variant, converted_at)
        SELECT x.tenant_id, x.experiment_key, x.customer_id, ev.type, x.variant, min(ev.at)
        FROM unnest(CAST(:tenants AS bigint[]), CAST(:customers AS text[]), CAST(:types AS text[]),
                    CAST(:ats AS timestamptz[])) AS ev(tenant_id, customer_id, type, at)
        JOIN experiment_exposures x ON x.tenant_id = ev.tenant_id AND x.customer_id = ev.customer_id
          AND x.exposed_at <= ev.at
        JOIN experiment_experiments e ON e.tenant_id = x.tenant_id AND e.key = x.experiment_key
        WHERE e.status <> 'STOPPED' AND (e.primary_metric = ev.type OR ev.type = ANY (e.guardrail_metrics))
        GROUP BY x.tenant_id, x.experiment_key, x.customer_id, ev.type, x.variant
        ON CONFLICT DO NOTHING""")
        .param("tenants", tenants).param("customers", customers).param("types", types).param("ats", ats)
        .update();
  }

  /** One conversion of a customer already exposed, unless counted before; ignored once stopped. */
  public void convertOne(long tenantId, String key, String customerId, String metric, String variant, Instant at) {
    jdbc.sql("""
        INSERT INTO experiment_conversions (tenant_id, experiment_key, customer_id, metric, variant, converted_at)
        SELECT :t, :key, :c, :metric, :variant, :at
        WHERE EXISTS (SELECT 1 FROM experiment_experiments WHERE tenant_id = :t AND key = :key AND status <> 'STOPPED')
        ON CONFLICT DO NOTHING""")
        .param("t", tenantId).param("key", key).param("c", customerId).param("metric", metric)
        .param("variant", variant).param("at", Timestamp.from(at)).update();
  }

  public Map<String, Long> exposedPerVariant(long tenantId, String key) {
    Map<String, Long> out = new HashMap<>();
    jdbc.sql("SELECT variant, count(*) FROM experiment_exposures WHERE tenant_id = :t AND experiment_key = :key"
            + " GROUP BY variant")
        .param("t", tenantId).param("key", key).query(rs -> {
          out.put(rs.getString(1), rs.getLong(2));
        });
    return out;
  }

  /** Conversions keyed by variant then metric. */
  public Map<String, Map<String, Long>> conversions(long tenantId, String key) {
    Map<String, Map<String, Long>> out = new HashMap<>();
    jdbc.sql("SELECT variant, metric, count(*) FROM experiment_conversions"
            + " WHERE tenant_id = :t AND experiment_key = :key GROUP BY variant, metric")
        .param("t", tenantId).param("key", key).query(rs -> {
          out.computeIfAbsent(rs.getString(1), v -> new HashMap<>()).put(rs.getString(2), rs.getLong(3));
        });
    return out;
  }

  /** RUNNING → STOP_REQUESTED; false when not running. */
  public boolean requestStop(long tenantId, String key, String actor, String reason, Instant now) {
    return jdbc.sql("""
        UPDATE experiment_experiments SET status = 'STOP_REQUESTED', stop_requested_by = :actor,
          stop_reason = :reason, stop_requested_at = :now
        WHERE tenant_id = :t AND key = :key AND status = 'RUNNING'""")
        .param("t", tenantId).param("key", key).param("actor", actor).param("reason", reason)
        .param("now", Timestamp.from(now)).update() == 1;
  }

  /** STOP_REQUESTED → STOPPED by someone other than the requester; false otherwise. */
  public boolean approveStop(long tenantId, String key, String approver, Instant now) {
    return jdbc.sql("""
        UPDATE experiment_experiments SET status = 'STOPPED', stopped_by = :approver, stopped_at = :now
        WHERE tenant_id = :t AND key = :key AND status = 'STOP_REQUESTED' AND stop_requested_by <> :approver""")
        .param("t", tenantId).param("key", key).param("approver", approver).param("now", Timestamp.from(now))
        .update() == 1;
  }

  private static Experiment row(ResultSet rs, List<Variant> variants) throws SQLException {
    Array guardrails = rs.getArray("guardrail_metrics");
    Timestamp stoppedAt = rs.getTimestamp("stopped_at");
    return new Experiment(rs.getString("key"), rs.getString("name"), Subject.valueOf(rs.getString("subject")),
        rs.getString("primary_metric"), Arrays.asList((String[]) guardrails.getArray()), variants,
        Status.valueOf(rs.getString("status")), rs.getString("created_by"),
        rs.getTimestamp("created_at").toInstant(), rs.getString("stop_requested_by"), rs.getString("stop_reason"),
        rs.getString("stopped_by"), stoppedAt == null ? null : stoppedAt.toInstant());
  }
}
