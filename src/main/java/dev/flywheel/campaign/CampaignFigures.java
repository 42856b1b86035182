package dev.flywheel.campaign;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import dev.flywheel.platform.tenancy.Tenant;
import dev.flywheel.platform.tenancy.Tenants;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Reads of {@code campaign_decisions} (this module's table) for the campaign page and the dry run:
 * daily grant totals of one campaign, and the events an exclusive campaign won. Read-only,
 * thread-safe.
 */
@Component
class CampaignFigures {
  private final JdbcClient jdbc;
  private final Tenants tenants;

  CampaignFigures(JdbcClient jdbc, Tenants tenants) {
    this.jdbc = jdbc;
    this.tenants = tenants;
  }

  /** The tenant's zone: days of counters, caps and figures. */
  ZoneId zone(long tenantId) {
    return tenants.find(tenantId).map(Tenant::timeZone).orElse(ZoneOffset.UTC);
  }

  LiveFigures of(long tenantId, long campaignId, Instant from, Instant to) {
    ZoneId zone = zone(tenantId);
    record Row(LocalDate day, String asset, long grants, long units) {}
    List<Row> rows = jdbc.sql("""
            select (d.created_at at time zone :zone)::date, g->>'asset', count(*), sum((g->>'amount')::bigint)
              from campaign_decisions d
              cross join lateral jsonb_array_elements(coalesce(d.effects->'grants', '[]'::jsonb)) g
             where d.tenant_id = :tenant and d.campaign_id = :campaign and d.applied
               and d.created_at >= :from and d.created_at < :to
             group by 1, 2 order by 1, 2""")
        .param("zone", zone.getId()).param("tenant", tenantId).param("campaign", campaignId)
        .param("from", utc(from)).param("to", utc(to))
        .query((rs, n) -> new Row(rs.getObject(1, LocalDate.class), rs.getString(2), rs.getLong(3), rs.getLong(4)))
        .list();
    Map<LocalDate, Long> perDay = new TreeMap<>();
    jdbc.sql("""
            select (d.created_at at time zone :zone)::date, count(distinct g->>'customer_id')
              from campaign_decisions d
              cross join lateral jsonb_array_elements(coalesce(d.effects->'grants', '[]'::jsonb)) g
             where d.tenant_id = :tenant and d.campaign_id = :campaign and d.applied
               and d.created_at >= :from and d.created_at < :to
             group by 1""")
        .param("zone", zone.getId()).param("tenant", tenantId).param("campaign", campaignId)
        .param("from", utc(from)).param("to", utc(to))
        .query((rs, n) -> perDay.put(rs.getObject(1, LocalDate.class), rs.getLong(2))).list();
    long participants = jdbc.sql("""
            select count(distinct g->>'customer_id')
              from campaign_decisions d
              cross join lateral jsonb_array_elements(coalesce(d.effects->'grants', '[]'::jsonb)) g
             where d.tenant_id = :tenant and d.campaign_id = :campaign and d.applied
               and d.created_at >= :from and d.created_at < :to""")
        .param("tenant", tenantId).param("campaign", campaignId).param("from", utc(from)).param("to", utc(to))
        .query(Long.class).single();
    Map<LocalDate, Map<Asset, Long>> units = new TreeMap<>();
    Map<LocalDate, Long> grantsPerDay = new TreeMap<>();
    Map<Asset, Long> grants = new EnumMap<>(Asset.class);
    Map<Asset, Long> totals = new EnumMap<>(Asset.class);
    for (Row r : rows) {
      Asset asset = Asset.valueOf(r.asset());
      units.computeIfAbsent(r.day(), d -> new EnumMap<>(Asset.class)).merge(asset, r.units(), Long::sum);
      grantsPerDay.merge(r.day(), r.grants(), Long::sum);
      grants.merge(asset, r.grants(), Long::sum);
      totals.merge(asset, r.units(), Long::sum);
    }
    List<LiveFigures.Day> days = new ArrayList<>();
    LocalDate last = LocalDate.ofInstant(to.minusNanos(1), zone);
    for (LocalDate d = LocalDate.ofInstant(from, zone); !d.isAfter(last); d = d.plusDays(1)) {
      days.add(new LiveFigures.Day(d, Map.copyOf(units.getOrDefault(d, Map.of())), grantsPerDay.getOrDefault(d, 0L),
          perDay.getOrDefault(d, 0L)));
    }
    return new LiveFigures(List.copyOf(days), participants, Map.copyOf(grants), Map.copyOf(totals));
  }

  CampaignPeople people(long tenantId, long campaignId, Instant from, Instant to) {
    long reached = jdbc.sql("""
            select count(distinct customer_id) from campaign_decisions
             where tenant_id = :tenant and campaign_id = :campaign
               and reason not in ('OUTSIDE_WINDOW', 'NOT_IN_AUDIENCE')
               and created_at >= :from and created_at < :to""")
        .param("tenant", tenantId).param("campaign", campaignId).param("from", utc(from)).param("to", utc(to))
        .query(Long.class).single();
    Set<String> participants = new HashSet<>(jdbc.sql("""
            select distinct g->>'customer_id'
              from campaign_decisions d
              cross join lateral jsonb_array_elements(coalesce(d.effects->'grants', '[]'::jsonb)) g
             where d.tenant_id = :tenant and d.campaign_id = :campaign and d.applied
               and d.created_at >= :from and d.created_at < :to""")
        .param("tenant", tenantId).param("campaign", campaignId).param("from", utc(from)).param("to", utc(to))
        .query(String.class).list());
    return new CampaignPeople(reached, Set.copyOf(participants));
  }

  /**
   * Events (ids) decided since {@code since} (less a day: decisions are made when an event
   * arrives, which may be later than it occurred, never much earlier) to which another exclusive
   * campaign of priority at least {@code priority} applied: live, the campaign would have been
   * excluded from them (at equal priority the older campaign, the lower id, comes first).
   */
  Set<String> exclusiveWins(long tenantId, long campaignId, int priority, Instant since) {
    Set<String> ids = new HashSet<>();
    jdbc.sql("""
            select distinct d.event_id from campaign_decisions d
              join campaign_versions v on v.tenant_id = d.tenant_id and v.campaign_id = d.campaign_id
                                      and v.version = d.version
             where d.tenant_id = :tenant and d.campaign_id <> :campaign and d.applied and d.created_at >= :since
               and coalesce((v.plan->>'exclusive')::boolean, false)
               and coalesce((v.plan->>'priority')::int, 0) >= :priority""")
        .param("tenant", tenantId).param("campaign", campaignId).param("priority", priority)
        .param("since", utc(since.minus(Duration.ofDays(1))))
        .query((rs, n) -> ids.add(rs.getString(1))).list();
    return ids;
  }

  private static OffsetDateTime utc(Instant at) {
    return OffsetDateTime.ofInstant(at, ZoneOffset.UTC);
  }
}
