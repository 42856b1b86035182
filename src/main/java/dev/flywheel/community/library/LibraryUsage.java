package dev.flywheel.community.library;

import dev.flywheel.community.ActivityUsage;
import dev.flywheel.community.LibraryActivity;
import dev.flywheel.community.WeeklyReport;
import dev.flywheel.community.sop.CommunityConversions;
import dev.flywheel.community.sop.WeeklyFigures;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Usage and results per library activity, ranked: a run is an export whose start has passed; its
 * participation is the distinct members who wrote during {@code [start, start + duration)} over
 * the members in the community then; its conversions are those members with a conversion event
 * within {@link WeeklyReport#CONVERSION_DAYS} days after the start. Score = mean participation +
 * 2 × mean conversion rate; ties by runs, then newest activity first. Never-run activities last.
 */
@Component
public class LibraryUsage {
  private final LibraryStore library;
  private final WeeklyFigures figures;
  private final CommunityConversions conversions;
  private final JdbcClient jdbc;
  private final Clock clock;

  LibraryUsage(LibraryStore library, WeeklyFigures figures, CommunityConversions conversions, JdbcClient jdbc, Clock clock) {
    this.library = library;
    this.figures = figures;
    this.conversions = conversions;
    this.jdbc = jdbc;
    this.clock = clock;
  }

  private record Run(double participation, double conversionRate, int conversions) {}

  public List<ActivityUsage> ranking(long tenantId) {
    Instant now = clock.instant();
    Map<Long, List<LibraryStore.ExportRow>> byActivity = library.exports(tenantId).stream()
        .collect(Collectors.groupingBy(LibraryStore.ExportRow::activityId));
    List<ActivityUsage> usage = new ArrayList<>();
    for (LibraryActivity a : library.search(tenantId, null, null, null)) {
      List<LibraryStore.ExportRow> exports = byActivity.getOrDefault(a.id(), List.of());
      List<Run> runs = exports.stream().filter(e -> !e.startsAt().isAfter(now)).map(e -> run(tenantId, e)).toList();
      double participation = runs.stream().mapToDouble(Run::participation).average().orElse(0);
      double rate = runs.stream().mapToDouble(Run::conversionRate).average().orElse(0);
      usage.add(new ActivityUsage(a.id(), a.script().title(), a.script().theme(), a.currentVersion(), exports.size(),
          (int) exports.stream().mapToLong(LibraryStore.ExportRow::communityId).distinct().count(), runs.size(),
          participation, rate, runs.stream().mapToInt(Run::conversions).sum(),
          runs.isEmpty() ? -1 : participation + 2 * rate));
    }
    usage.sort(Comparator.comparingDouble(ActivityUsage::score).reversed()
        .thenComparing(Comparator.comparingInt(ActivityUsage::runs).reversed())
        .thenComparing(Comparator.comparingLong(ActivityUsage::activityId).reversed()));
    return usage;
  }

  private Run run(long tenantId, LibraryStore.ExportRow e) {
    Instant end = e.startsAt().plus(Duration.ofMinutes(e.durationMinutes()));
    Set<String> members = new HashSet<>(figures.members(e.communityId(), e.startsAt(), end));
    if (members.isEmpty()) {
      return new Run(0, 0, 0);
    }
    long wrote = jdbc.sql("""
        select count(distinct customer_id) from community_messages
        where tenant_id = :t and community_id = :c and direction = 'IN' and customer_id is not null
          and received_at >= :from and received_at < :to
        """).param("t", tenantId).param("c", e.communityId()).param("from", Timestamp.from(e.startsAt()))
        .param("to", Timestamp.from(end)).query(Long.class).single();
    int converted = conversions.converted(tenantId, members, List.of(e.startsAt()),
        Duration.ofDays(WeeklyReport.CONVERSION_DAYS)).size();
    return new Run((double) wrote / members.size(), (double) converted / members.size(), converted);
  }
}
