package dev.flywheel.reach.plan;

import dev.flywheel.reach.MessageFigures;
import dev.flywheel.reach.WeeklyMessageFigures;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** Message counts by source and variant from {@code reach_messages} and the delivery timestamps. */
@Component
public class SendFigures {
  private final JdbcClient jdbc;

  SendFigures(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  public List<MessageFigures> bySourceAndVariant(long tenantId, String sourcePrefix) {
    return jdbc.sql("""
            select m.source, coalesce(m.variant, '') as variant, count(*) as planned,
              count(d.sent_at) + count(*) filter (where d.sent_at is null and m.status in
                ('SENT', 'DELIVERED', 'OPENED', 'CLICKED')) as sent,
              count(*) filter (where d.delivered_at is not null or d.opened_at is not null
                or d.clicked_at is not null or m.status in ('DELIVERED', 'OPENED', 'CLICKED')) as delivered,
              count(*) filter (where d.opened_at is not null or d.clicked_at is not null
                or m.status in ('OPENED', 'CLICKED')) as opened,
              count(*) filter (where d.clicked_at is not null or m.status = 'CLICKED') as clicked,
              count(*) filter (where m.status = 'FAILED' or d.failed_at is not null) as failed,
              count(*) filter (where m.status = 'DROPPED') as dropped,
              count(*) filter (where m.status = 'REFUSED') as refused
            from reach_messages m left join reach_deliveries d on d.message_id = m.id
            where m.tenant_id = :tenant and starts_with(m.source, :prefix)
            group by m.source, m.variant order by m.source, m.variant""")
        .param("tenant", tenantId).param("prefix", sourcePrefix == null ? "" : sourcePrefix)
        .query((rs, n) -> new MessageFigures(rs.getString(1), rs.getString(2), rs.getLong(3), rs.getLong(4),
            rs.getLong(5), rs.getLong(6), rs.getLong(7), rs.getLong(8), rs.getLong(9), rs.getLong(10)))
        .list();
  }

  /** As {@link #bySourceAndVariant}, per ISO week (Monday, in {@code zone}) of the message's creation. */
  public List<WeeklyMessageFigures> byWeek(long tenantId, String sourcePrefix, ZoneId zone) {
    return jdbc.sql("""
            select m.source, coalesce(m.variant, '') as variant,
              date_trunc('week', m.created_at at time zone :zone)::date as week, count(*) as planned,
              count(*) filter (where d.sent_at is not null or m.status in ('SENT', 'DELIVERED', 'OPENED', 'CLICKED')),
              count(*) filter (where d.delivered_at is not null or d.opened_at is not null
                or d.clicked_at is not null or m.status in ('DELIVERED', 'OPENED', 'CLICKED')),
              count(*) filter (where d.opened_at is not null or d.clicked_at is not null
                or m.status in ('OPENED', 'CLICKED')),
              count(*) filter (where d.clicked_at is not null or m.status = 'CLICKED')
            from reach_messages m left join reach_deliveries d on d.message_id = m.id
            where m.tenant_id = :tenant and starts_with(m.source, :prefix)
            group by 1, 2, 3 order by 3, 1, 2""")
        .param("tenant", tenantId).param("prefix", sourcePrefix == null ? "" : sourcePrefix)
        .param("zone", zone.getId())
        .query((rs, n) -> new WeeklyMessageFigures(rs.getString(1), rs.getString(2), rs.getObject(3, LocalDate.class),
            rs.getLong(4), rs.getLong(5), rs.getLong(6), rs.getLong(7), rs.getLong(8)))
        .list();
  }
}
