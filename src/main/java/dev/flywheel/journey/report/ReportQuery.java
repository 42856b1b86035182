package dev.flywheel.journey.report;

import dev.flywheel.journey.FunnelTarget;
import dev.flywheel.journey.Journey;
import dev.flywheel.journey.JourneyDefinition;
import dev.flywheel.journey.JourneyReport;
import dev.flywheel.journey.JourneyReport.FunnelStage;
import dev.flywheel.journey.JourneyReport.StepFigures;
import dev.flywheel.journey.JourneyReport.TargetCheck;
import dev.flywheel.journey.JourneyReport.VariantFigures;
import dev.flywheel.reach.MessageFigures;
import dev.flywheel.reach.Reach;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Builds a journey's report from its own tables (runs, steps, milestones) and reach's message
 * figures for the sources {@code journey/<id>/v<version>/step/<key>}. Read-only.
 */
@Component
public class ReportQuery {
  private final JdbcClient jdbc;
  private final ObjectProvider<Reach> reach;

  ReportQuery(JdbcClient jdbc, ObjectProvider<Reach> reach) {
    this.jdbc = jdbc;
    this.reach = reach;
  }

  public JourneyReport report(long tenantId, Journey journey) {
    long id = journey.id();
    long[] runs = jdbc.sql("""
            select count(*), count(*) filter (where status <> 'DONE'),
              count(distinct r.id) filter (where exists (select 1 from journey_steps s where s.run_id = r.id and s.message_id is not null))
            from journey_runs r where tenant_id = :t and journey_id = :j""")
        .param("t", tenantId).param("j", id)
        .query((rs, n) -> new long[] {rs.getLong(1), rs.getLong(2), rs.getLong(3)}).single();
    Map<String, Long> exits = counts("""
        select exit_reason, count(*) from journey_runs where tenant_id = :t and journey_id = :j and status = 'DONE'
        group by 1 order by 2 desc""", tenantId, id);
    Map<String, Long> milestones = counts("""
        select event_type, count(*) from journey_milestones where tenant_id = :t and journey_id = :j
        group by 1 order by 2 desc""", tenantId, id);
    List<MessageFigures> messages = figures(tenantId, id);
    List<StepFigures> steps = StepTally.of(journey, stepRows(tenantId, id), messages);
    List<VariantFigures> variants = variants(tenantId, id, messages);
    List<FunnelStage> funnel = funnel(journey, runs, messages, milestones);
    return new JourneyReport(id, runs[0], runs[1], steps, exits, variants, milestones, targets(journey, funnel), funnel);
  }

  private List<MessageFigures> figures(long tenantId, long journeyId) {
    Reach api = reach.getIfAvailable();
    return api == null ? List.of() : api.figures(tenantId, "journey/" + journeyId + "/");
  }

  private List<StepTally.Row> stepRows(long tenantId, long journeyId) {
    return jdbc.sql("""
            select s.version, s.step_key, s.step_type, s.outcome, s.arm, count(distinct s.run_id),
              count(distinct s.run_id) filter (where s.message_id is not null and r.exit_reason = 'goal-reached')
            from journey_steps s join journey_runs r on r.id = s.run_id
            where s.tenant_id = :t and s.journey_id = :j
            group by 1, 2, 3, 4, 5""")
        .param("t", tenantId).param("j", journeyId)
        .query((rs, n) -> new StepTally.Row(rs.getInt(1), rs.getString(2), rs.getString(3), rs.getString(4),
            rs.getString(5), rs.getLong(6), rs.getLong(7)))
        .list();
  }

  private List<VariantFigures> variants(long tenantId, long journeyId, List<MessageFigures> messages) {
    Map<String, Long> converted = new LinkedHashMap<>();
    jdbc.sql("""
            select s.version, s.step_key, s.variant, count(distinct s.run_id) from journey_steps s
            join journey_runs r on r.id = s.run_id
            where s.tenant_id = :t and s.journey_id = :j and s.message_id is not null and r.exit_reason = 'goal-reached'
            group by 1, 2, 3""")
        .param("t", tenantId).param("j", journeyId)
        .query(rs -> {
          converted.put(Sources.of(journeyId, rs.getInt(1), rs.getString(2)) + "#" + rs.getString(3), rs.getLong(4));
        });
    List<VariantFigures> out = new ArrayList<>();
    for (MessageFigures f : messages) {
      Sources.parse(f.source()).ifPresent(s -> out.add(new VariantFigures(s.version(), s.step(), f.variant(),
          f.planned(), f.sent(), f.delivered(), f.clicked(), converted.getOrDefault(f.source() + "#" + f.variant(), 0L))));
    }
    return out;
  }

  private static List<FunnelStage> funnel(Journey journey, long[] runs, List<MessageFigures> messages,
      Map<String, Long> milestones) {
    List<FunnelStage> funnel = new ArrayList<>();
    funnel.add(new FunnelStage("entered", runs[0]));
    funnel.add(new FunnelStage("reached", runs[2]));
    funnel.add(new FunnelStage("messages", messages.stream().mapToLong(MessageFigures::planned).sum()));
    funnel.add(new FunnelStage("sent", messages.stream().mapToLong(MessageFigures::sent).sum()));
    funnel.add(new FunnelStage("delivered", messages.stream().mapToLong(MessageFigures::delivered).sum()));
    funnel.add(new FunnelStage("clicked", messages.stream().mapToLong(MessageFigures::clicked).sum()));
    definition(journey).milestones().forEach(m -> funnel.add(new FunnelStage(m, milestones.getOrDefault(m, 0L))));
    return funnel;
  }

  private static List<TargetCheck> targets(Journey journey, List<FunnelStage> funnel) {
    Map<String, Long> at = new LinkedHashMap<>();
    funnel.forEach(s -> at.put(s.name(), s.count()));
    List<TargetCheck> out = new ArrayList<>();
    for (FunnelTarget t : definition(journey).targets()) {
      long from = at.getOrDefault(t.from(), 0L);
      Double actual = from == 0 ? null : (double) at.getOrDefault(t.to(), 0L) / from;
      Boolean met = actual == null ? null
          : (t.min() == null || actual >= t.min()) && (t.max() == null || actual <= t.max());
      out.add(new TargetCheck(t.from(), t.to(), t.min(), t.max(), actual, met));
    }
    return out;
  }

  /** The active version's definition, else the draft. */
  static JourneyDefinition definition(Journey journey) {
    return journey.activeVersion() == null ? journey.draft()
        : journey.version(journey.activeVersion()).map(Journey.Version::definition).orElse(journey.draft());
  }

  private Map<String, Long> counts(String sql, long tenantId, long journeyId) {
    Map<String, Long> out = new LinkedHashMap<>();
    jdbc.sql(sql).param("t", tenantId).param("j", journeyId).query(rs -> {
      out.put(rs.getString(1), rs.getLong(2));
    });
    return out;
  }
}
