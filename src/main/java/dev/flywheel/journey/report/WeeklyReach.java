package dev.flywheel.journey.report;

import dev.flywheel.journey.JourneyWeek;
import dev.flywheel.reach.Reach;
import dev.flywheel.reach.WeeklyMessageFigures;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * A journey's message steps per ISO week, version, step and copy variant: reach's weekly message
 * figures for {@code journey/<id>/} joined with this module's goal-reached runs. Read-only.
 */
@Component
public class WeeklyReach {
  private final JdbcClient jdbc;
  private final ObjectProvider<Reach> reach;

  WeeklyReach(JdbcClient jdbc, ObjectProvider<Reach> reach) {
    this.jdbc = jdbc;
    this.reach = reach;
  }

  /** Oldest week first, then version, step and variant. */
  public List<JourneyWeek> of(long tenantId, long journeyId, ZoneId zone) {
    Reach api = reach.getIfAvailable();
    if (api == null) {
      return List.of();
    }
    Map<String, Long> converted = new HashMap<>();
    jdbc.sql("""
            select s.version, s.step_key, coalesce(s.variant, ''), date_trunc('week', s.at at time zone :zone)::date,
              count(distinct s.run_id)
            from journey_steps s join journey_runs r on r.id = s.run_id
            where s.tenant_id = :t and s.journey_id = :j and s.message_id is not null and r.exit_reason = 'goal-reached'
            group by 1, 2, 3, 4""")
        .param("t", tenantId).param("j", journeyId).param("zone", zone.getId())
        .query(rs -> {
          converted.put(key(Sources.of(journeyId, rs.getInt(1), rs.getString(2)), rs.getString(3),
              rs.getObject(4, LocalDate.class)), rs.getLong(5));
        });
    List<JourneyWeek> out = new ArrayList<>();
    for (WeeklyMessageFigures f : api.weeklyFigures(tenantId, "journey/" + journeyId + "/", zone)) {
      Sources.parse(f.source()).filter(s -> s.journeyId() == journeyId).ifPresent(s -> out.add(new JourneyWeek(f.week(),
          s.version(), s.step(), f.variant(), f.planned(), f.sent(), f.delivered(), f.opened(), f.clicked(),
          converted.getOrDefault(key(f.source(), f.variant(), f.week()), 0L))));
    }
    out.sort(Comparator.comparing(JourneyWeek::week).thenComparingInt(JourneyWeek::version)
        .thenComparing(JourneyWeek::step).thenComparing(JourneyWeek::variant));
    return List.copyOf(out);
  }

  private static String key(String source, String variant, LocalDate week) {
    return source + "#" + variant + "#" + week;
  }
}
