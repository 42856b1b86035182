package dev.flywheel.journey.store;

import dev.flywheel.journey.JourneyDefinition;
import dev.flywheel.journey.JourneyStep;
import dev.flywheel.journey.TriggerKind;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Per tenant, in memory: the active journeys (to enter) and every event type any published
 * version listens to (trigger, goal, wait, milestone), so that an event no journey cares about
 * costs no SQL on the ingestion path. Invalidated on every local change; entries older than
 * {@link #TTL} are reloaded, so changes made on another node are seen within that time.
 * Thread-safe.
 */
@Component
public class JourneyIndex {
  static final Duration TTL = Duration.ofSeconds(20);
  private final JdbcClient jdbc;
  private final JourneyStore store;
  private final Map<Long, Entry> byTenant = new ConcurrentHashMap<>();

  JourneyIndex(JdbcClient jdbc, JourneyStore store) {
    this.jdbc = jdbc;
    this.store = store;
  }

  /** An active journey's version that customers enter now. */
  public record Active(long journeyId, int version, JourneyDefinition definition) {}

  private record Entry(List<Active> active, Set<String> eventTypes, long loadedAt) {}

  public List<Active> active(long tenantId) {
    return entry(tenantId).active();
  }

  public List<Active> active(long tenantId, TriggerKind kind) {
    return entry(tenantId).active().stream().filter(a -> a.definition().trigger().kind() == kind).toList();
  }

  /** Whether any published journey version of the tenant listens to events of this type. */
  public boolean listensTo(long tenantId, String eventType) {
    return entry(tenantId).eventTypes().contains(eventType);
  }

  public void invalidate(long tenantId) {
    byTenant.remove(tenantId);
  }

  private Entry entry(long tenantId) {
    Entry entry = byTenant.get(tenantId);
    if (entry == null || System.nanoTime() - entry.loadedAt() > TTL.toNanos()) {
      entry = load(tenantId);
      byTenant.put(tenantId, entry);
    }
    return entry;
  }

  private Entry load(long tenantId) {
    long loadedAt = System.nanoTime();
    List<Active> active = store.published(tenantId).stream().filter(JourneyStore.Published::active)
        .map(p -> new Active(p.journeyId(), p.activeVersion(), store.definition(tenantId, p.journeyId(), p.activeVersion())))
        .toList();
    Set<String> types = new HashSet<>();
    jdbc.sql("""
            select v.journey_id, v.version from journey_versions v
            join journeys j on j.tenant_id = v.tenant_id and j.id = v.journey_id
            where v.tenant_id = :t and j.status in ('ACTIVE', 'PAUSED')""")
        .param("t", tenantId)
        .query((rs, n) -> store.definition(tenantId, rs.getLong(1), rs.getInt(2)))
        .list()
        .forEach(d -> types.addAll(eventTypes(d)));
    return new Entry(active, Set.copyOf(types), loadedAt);
  }

  private static Set<String> eventTypes(JourneyDefinition d) {
    Set<String> types = new HashSet<>(d.milestones());
    if (d.trigger().kind() == TriggerKind.EVENT && d.trigger().eventType() != null) {
      types.add(d.trigger().eventType());
    }
    if (d.goal() != null && d.goal().eventType() != null) {
      types.add(d.goal().eventType());
    }
    d.steps().stream().map(JourneyStep::untilEvent).filter(java.util.Objects::nonNull).forEach(types::add);
    return types;
  }
}
