package dev.flywheel.analytics.rollup;

import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The per-tenant dictionary milestone → array index. New milestones are allocated in a
 * transaction of their own (committed even if the ingestion rolls back, so the cache never holds
 * an index that is not in the table), serialised per tenant by an advisory lock. Thread-safe.
 */
@Component
public class MilestoneKeys {
  private final JdbcClient jdbc;
  private final TransactionTemplate own;
  private final Map<Long, Map<String, Integer>> cache = new ConcurrentHashMap<>();

  MilestoneKeys(JdbcClient jdbc, PlatformTransactionManager transactions) {
    this.jdbc = jdbc;
    this.own = new TransactionTemplate(transactions);
    own.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
  }

  /** The indexes of {@code milestones}, allocating those never seen. */
  public Map<String, Integer> indexes(long tenantId, Collection<String> milestones) {
    Map<String, Integer> known = cache.computeIfAbsent(tenantId, t -> new ConcurrentHashMap<>());
    Set<String> missing = new TreeSet<>();
    for (String m : milestones) {
      if (!known.containsKey(m)) {
        missing.add(m);
      }
    }
    if (!missing.isEmpty()) {
      own.executeWithoutResult(status -> allocate(tenantId, missing));
      known.putAll(load(tenantId));
    }
    Map<String, Integer> result = new HashMap<>();
    milestones.forEach(m -> result.put(m, known.get(m)));
    return result;
  }

  /** The index of a milestone, empty when no event ever marked it. */
  public Optional<Integer> find(long tenantId, String milestone) {
    Map<String, Integer> known = cache.computeIfAbsent(tenantId, t -> new ConcurrentHashMap<>());
    if (!known.containsKey(milestone)) {
      known.putAll(load(tenantId));
    }
    return Optional.ofNullable(known.get(milestone));
  }

  private void allocate(long tenantId, Set<String> milestones) {
    jdbc.sql("select pg_advisory_xact_lock(1010, cast(:tenant as int))").param("tenant", tenantId).query((rs, n) -> 1).list();
    jdbc.sql("""
            insert into analytics_milestone_keys (tenant_id, milestone, idx)
            select :tenant, m, coalesce((select max(idx) from analytics_milestone_keys where tenant_id = :tenant), 0)
                               + row_number() over (order by m)
            from unnest(cast(:milestones as text[])) m
            where not exists (select 1 from analytics_milestone_keys k where k.tenant_id = :tenant and k.milestone = m)""")
        .param("tenant", tenantId).param("milestones", milestones.toArray(String[]::new)).update();
  }

  private Map<String, Integer> load(long tenantId) {
    Map<String, Integer> all = new HashMap<>();
    jdbc.sql("select milestone, idx from analytics_milestone_keys where tenant_id = :tenant")
        .param("tenant", tenantId)
        .query((rs, n) -> all.put(rs.getString(1), rs.getInt(2))).list();
    return all;
  }
}
