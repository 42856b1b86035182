package dev.flywheel.reach.plan;

import dev.flywheel.event.EventHistory;
import dev.flywheel.event.StoredEvent;
import dev.flywheel.reach.MessageTemplate;
import dev.flywheel.reach.VariantResult;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Results per copy variant of one template. "Converted": the customer produced the template's goal
 * event after the message was queued (read through the event module's {@link EventHistory}, one
 * pass over the goal events since the first message).
 */
@Component
public class VariantResults {
  private final JdbcClient jdbc;
  private final EventHistory events;

  VariantResults(JdbcClient jdbc, EventHistory events) {
    this.jdbc = jdbc;
    this.events = events;
  }

  private record Sent(String variant, String customerId, Instant queuedAt, boolean delivered, boolean clicked) {}

  public List<VariantResult> of(long tenantId, MessageTemplate template) {
    List<Sent> sent = jdbc.sql("""
            select m.variant, m.customer_id, m.queued_at,
              (d.delivered_at is not null or d.opened_at is not null or d.clicked_at is not null
                or m.status in ('DELIVERED', 'OPENED', 'CLICKED')) as delivered,
              (d.clicked_at is not null or m.status = 'CLICKED') as clicked
            from reach_messages m left join reach_deliveries d on d.message_id = m.id
            where m.tenant_id = :tenant and m.template_id = :template and m.queued_at is not null""")
        .param("tenant", tenantId).param("template", template.id())
        .query((rs, n) -> new Sent(rs.getString(1), rs.getString(2), rs.getTimestamp(3).toInstant(),
            rs.getBoolean(4), rs.getBoolean(5)))
        .list();
    Map<String, Instant> firstGoal = goals(tenantId, template, sent);
    List<VariantResult> out = new ArrayList<>();
    for (MessageTemplate.Variant v : template.variants()) {
      List<Sent> mine = sent.stream().filter(s -> v.name().equals(s.variant())).toList();
      out.add(new VariantResult(v.name(), mine.size(), mine.stream().filter(Sent::delivered).count(),
          mine.stream().filter(Sent::clicked).count(),
          mine.stream().filter(s -> converted(s, firstGoal)).count()));
    }
    return out;
  }

  private static boolean converted(Sent s, Map<String, Instant> lastGoal) {
    Instant goal = lastGoal.get(s.customerId());
    return goal != null && !goal.isBefore(s.queuedAt());
  }

  /** The latest goal event per customer since the first message. */
  private Map<String, Instant> goals(long tenantId, MessageTemplate template, List<Sent> sent) {
    Map<String, Instant> latest = new HashMap<>();
    if (template.goalEvent() == null || sent.isEmpty()) {
      return latest;
    }
    Instant from = sent.stream().map(Sent::queuedAt).min(Instant::compareTo).orElseThrow();
    events.forEachInRange(tenantId, List.of(template.goalEvent()), from, from.plus(java.time.Duration.ofDays(3650)),
        500, (StoredEvent e) -> latest.merge(e.customerId(), e.occurredAt(), (a, b) -> a.isAfter(b) ? a : b));
    return latest;
  }
}
