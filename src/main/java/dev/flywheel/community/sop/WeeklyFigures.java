package dev.flywheel.community.sop;

import dev.flywheel.community.WeeklyReport;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** The weekly report's figures, from {@code community_messages}, the members and the slots. */
@Component
public class WeeklyFigures {
  private final JdbcClient jdbc;
  private final TenantWeeks weeks;
  private final CommunityConversions conversions;
  private final Clock clock;

  WeeklyFigures(JdbcClient jdbc, TenantWeeks weeks, CommunityConversions conversions, Clock clock) {
    this.jdbc = jdbc;
    this.weeks = weeks;
    this.conversions = conversions;
    this.clock = clock;
  }

  public WeeklyReport report(long tenantId, long communityId, LocalDate monday) {
    Instant from = weeks.start(tenantId, monday);
    Instant to = weeks.end(tenantId, monday);
    int posts = count("""
        select count(*) from community_messages where tenant_id = :t and community_id = :c and direction = 'OUT'
          and received_at >= :from and received_at < :to""", tenantId, communityId, from, to);
    int rounds = count("""
        select count(distinct coalesce(reference, 'post:' || id)) from community_messages
        where tenant_id = :t and community_id = :c and direction = 'OUT' and kind = 'GAME'
          and received_at >= :from and received_at < :to""", tenantId, communityId, from, to);
    Set<String> members = new HashSet<>(members(communityId, from, to));
    int participants = count("""
        select count(distinct customer_id) from community_messages
        where tenant_id = :t and community_id = :c and direction = 'IN' and customer_id is not null
          and received_at >= :from and received_at < :to""", tenantId, communityId, from, to);
    List<Instant> placements = placements(tenantId, communityId, from, to);
    int converted = conversions.converted(tenantId, members, placements,
        Duration.ofDays(WeeklyReport.CONVERSION_DAYS)).size();
    int[] slots = slots(tenantId, communityId, monday);
    return new WeeklyReport(communityId, monday, posts, rounds, members.size(), participants, placements.size(),
        converted, slots[0], slots[1], slots[2]);
  }

  /** Customers who were members at some time in {@code [from, to)}. */
  public List<String> members(long communityId, Instant from, Instant to) {
    return jdbc.sql("""
        select customer_id from community_members where community_id = :c and joined_at < :to
          and (left_at is null or left_at >= :from)
        """).param("c", communityId).param("from", Timestamp.from(from)).param("to", Timestamp.from(to))
        .query(String.class).list();
  }

  /** When products were placed: PRODUCT posts and AUTO posts of product slots. */
  private List<Instant> placements(long tenantId, long communityId, Instant from, Instant to) {
    return jdbc.sql("""
        select m.received_at from community_messages m
        left join community_sop_slots s on m.kind = 'SOP' and s.post_id = m.id
        where m.tenant_id = :t and m.community_id = :c and m.direction = 'OUT'
          and m.received_at >= :from and m.received_at < :to
          and (m.kind = 'PRODUCT' or s.kind in ('PRODUCT_INFO', 'PROMOTION'))
        order by m.received_at
        """).param("t", tenantId).param("c", communityId).param("from", Timestamp.from(from))
        .param("to", Timestamp.from(to)).query((rs, i) -> rs.getTimestamp(1).toInstant()).list();
  }

  private int[] slots(long tenantId, long communityId, LocalDate monday) {
    return jdbc.sql("""
        select count(*), count(*) filter (where status = 'DONE'),
          count(*) filter (where status in ('PLANNED', 'REMINDED') and due_at < :now)
        from community_sop_slots where tenant_id = :t and community_id = :c and week_start = :w
        """).param("t", tenantId).param("c", communityId).param("w", java.sql.Date.valueOf(monday))
        .param("now", Timestamp.from(clock.instant()))
        .query((rs, i) -> new int[] {rs.getInt(1), rs.getInt(2), rs.getInt(3)}).single();
  }

  private int count(String sql, long tenantId, long communityId, Instant from, Instant to) {
    return jdbc.sql(sql).param("t", tenantId).param("c", communityId).param("from", Timestamp.from(from))
        .param("to", Timestamp.from(to)).query(Long.class).single().intValue();
  }
}
