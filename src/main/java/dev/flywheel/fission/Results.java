package dev.flywheel.fission;

import dev.flywheel.platform.security.ConsoleUser;
import java.sql.Timestamp;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * An activity's results: the funnel (employees participating → customers participating →
 * customers completed → new customers), per employee, per day, and the daily red/black lists
 * (score = helps counted that day on tasks of the employee's customers) and team PK (organisation
 * units compared by the same score).
 */
@Service
public class Results {
  private final JdbcClient jdbc;
  private final Notices notices;

  Results(JdbcClient jdbc, Notices notices) {
    this.jdbc = jdbc;
    this.notices = notices;
  }

  public record Funnel(long employeesParticipating, long customersParticipating, long customersCompleted,
      long newCustomers, long redeemed, long heldForReview) {}

  public record EmployeeRow(long userId, String name, String orgUnit, long customers, long completed,
      long newCustomers, long redeemed, long score) {}

  public record DayRow(LocalDate day, long tasksStarted, long helps, long completed, long newCustomers) {}

  public record Team(String orgUnit, int employees, long score, double perEmployee) {}

  public record Board(LocalDate day, List<EmployeeRow> red, List<EmployeeRow> black, List<Team> teams) {}

  @Transactional(readOnly = true)
  public Funnel funnel(Activity activity) {
    return jdbc.sql("""
        select (select count(*) from fission_tasks where activity_id = :a),
               (select count(*) from fission_tasks where activity_id = :a and completed_at is not null),
               (select count(distinct helper_id) from fission_helps where activity_id = :a and is_new and status = 'COUNTED'),
               (select count(*) from fission_tasks where activity_id = :a and redeemed_at is not null),
               (select count(*) from fission_helps where activity_id = :a and status = 'HELD')
        """).param("a", activity.id())
        .query((rs, i) -> new Funnel(participants(activity).size(), rs.getLong(1), rs.getLong(2), rs.getLong(3),
            rs.getLong(4), rs.getLong(5))).single();
  }

  private List<ConsoleUser> participants(Activity activity) {
    return notices.participants(activity.tenantId(), activity.employeeOrgUnit());
  }

  /** Per participating employee; {@code day} limits the score to that day (tenant's zone), null = the whole activity. */
  @Transactional(readOnly = true)
  public List<EmployeeRow> perEmployee(Activity activity, LocalDate day, ZoneId zone) {
    Timestamp from = day == null ? new Timestamp(0) : Timestamp.from(day.atStartOfDay(zone).toInstant());
    Timestamp to = day == null ? Timestamp.valueOf("9999-01-01 00:00:00")
        : Timestamp.from(day.plusDays(1).atStartOfDay(zone).toInstant());
    Map<Long, long[]> figures = new HashMap<>();
    jdbc.sql("""
        select t.employee_id, count(distinct t.id), count(distinct t.id) filter (where t.completed_at is not null),
          count(distinct h.helper_id) filter (where h.is_new and h.status = 'COUNTED'),
          count(distinct t.id) filter (where t.redeemed_at is not null),
          count(h.id) filter (where h.status = 'COUNTED' and h.created_at >= :from and h.created_at < :to)
        from fission_tasks t left join fission_helps h on h.task_id = t.id
        where t.activity_id = :a and t.employee_id is not null group by t.employee_id
        """).param("a", activity.id()).param("from", from).param("to", to)
        .query((rs, i) -> figures.put(rs.getLong(1), new long[] {rs.getLong(2), rs.getLong(3), rs.getLong(4),
            rs.getLong(5), rs.getLong(6)})).list();
    Map<Long, String[]> known = new HashMap<>();
    jdbc.sql("select user_id, name, org_unit from fission_employees where tenant_id = :t").param("t", activity.tenantId())
        .query((rs, i) -> known.put(rs.getLong(1), new String[] {rs.getString(2), rs.getString(3)})).list();
    List<EmployeeRow> rows = new ArrayList<>();
    for (ConsoleUser u : participants(activity)) {
      long[] f = figures.getOrDefault(u.id(), new long[5]);
      String[] k = known.getOrDefault(u.id(), new String[] {u.displayName(), ""});
      rows.add(new EmployeeRow(u.id(), k[0], k[1], f[0], f[1], f[2], f[3], f[4]));
    }
    rows.sort(Comparator.comparingLong(EmployeeRow::score).reversed().thenComparing(EmployeeRow::name));
    return rows;
  }

  @Transactional(readOnly = true)
  public List<DayRow> perDay(Activity activity, ZoneId zone) {
    return jdbc.sql("""
        with days as (
          select (started_at at time zone :zone)::date d, 1 started, 0 helps, 0 completed, 0 fresh from fission_tasks where activity_id = :a
          union all select (created_at at time zone :zone)::date, 0, 1, 0, case when is_new then 1 else 0 end
            from fission_helps where activity_id = :a and status = 'COUNTED'
          union all select (completed_at at time zone :zone)::date, 0, 0, 1, 0 from fission_tasks
            where activity_id = :a and completed_at is not null)
        select d, sum(started), sum(helps), sum(completed), sum(fresh) from days group by d order by d
        """).param("a", activity.id()).param("zone", zone.getId())
        .query((rs, i) -> new DayRow(rs.getDate(1).toLocalDate(), rs.getLong(2), rs.getLong(3), rs.getLong(4),
            rs.getLong(5))).list();
  }

  /** The day's red list (top 3 with a score), black list (bottom 3) and the team PK. */
  @Transactional(readOnly = true)
  public Board board(Activity activity, LocalDate day, ZoneId zone) {
    List<EmployeeRow> rows = perEmployee(activity, day, zone);
    List<EmployeeRow> red = rows.stream().filter(r -> r.score() > 0).limit(3).toList();
    List<EmployeeRow> black = rows.reversed().stream().filter(r -> !red.contains(r)).limit(3).toList();
    Map<String, List<EmployeeRow>> byUnit = new LinkedHashMap<>();
    rows.forEach(r -> byUnit.computeIfAbsent(r.orgUnit().isBlank() ? "-" : r.orgUnit(), k -> new ArrayList<>()).add(r));
    List<Team> teams = new ArrayList<>();
    byUnit.forEach((unit, members) -> {
      long score = members.stream().mapToLong(EmployeeRow::score).sum();
      teams.add(new Team(unit, members.size(), score, (double) score / members.size()));
    });
    teams.sort(Comparator.comparingDouble(Team::perEmployee).reversed());
    return new Board(day, red, black, teams);
  }

  /** The results as CSV (funnel, per employee, per day blocks). */
  @Transactional(readOnly = true)
  public String csv(Activity activity, ZoneId zone) {
    return ResultsCsv.write(funnel(activity), perEmployee(activity, null, zone), perDay(activity, zone));
  }
}
