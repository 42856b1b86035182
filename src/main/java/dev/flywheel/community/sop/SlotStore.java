package dev.flywheel.community.sop;

import dev.flywheel.community.CalendarSlot;
import dev.flywheel.community.SopMode;
import dev.flywheel.community.SopSlotKind;
import java.sql.Date;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** SQL of the calendar slots ({@code community_sop_slots}). */
@Component
public class SlotStore {
  private final JdbcClient jdbc;

  SlotStore(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  /** A slot to write: from a template slot (once per community and week) or a library export. */
  public record NewSlot(long tenantId, long communityId, Long templateId, Long templateSlotId, Long exportId,
      LocalDate weekStart, Instant dueAt, SopSlotKind kind, SopMode mode, String title, String body,
      String actor) {}

  /** The new slot's id; empty when this template slot was already materialised for that week. */
  public Optional<Long> insert(NewSlot s, Instant now) {
    return jdbc.sql("""
        insert into community_sop_slots (tenant_id, community_id, template_id, template_slot_id, export_id,
          week_start, due_at, kind, mode, title, body, created_by, created_at)
        values (:t, :c, :tpl, :ts, :ex, :week, :due, :kind, :mode, :title, :body, :actor, :now)
        on conflict (community_id, template_slot_id, week_start) do nothing returning id
        """).param("t", s.tenantId()).param("c", s.communityId()).param("tpl", s.templateId())
        .param("ts", s.templateSlotId()).param("ex", s.exportId()).param("week", Date.valueOf(s.weekStart()))
        .param("due", Timestamp.from(s.dueAt())).param("kind", s.kind().name()).param("mode", s.mode().name())
        .param("title", s.title()).param("body", s.body()).param("actor", s.actor())
        .param("now", Timestamp.from(now)).query(Long.class).optional();
  }

  public Optional<CalendarSlot> find(long tenantId, long id, Instant now) {
    return jdbc.sql("select * from community_sop_slots where tenant_id = :t and id = :id")
        .param("t", tenantId).param("id", id).query((rs, i) -> map(rs, now)).optional();
  }

  public List<CalendarSlot> week(long tenantId, long communityId, LocalDate weekStart, Instant now) {
    return jdbc.sql("""
        select * from community_sop_slots where tenant_id = :t and community_id = :c and week_start = :w
        order by due_at, id
        """).param("t", tenantId).param("c", communityId).param("w", Date.valueOf(weekStart))
        .query((rs, i) -> map(rs, now)).list();
  }

  public List<CalendarSlot> ofExport(long exportId, Instant now) {
    return jdbc.sql("select * from community_sop_slots where export_id = :e order by due_at, id")
        .param("e", exportId).query((rs, i) -> map(rs, now)).list();
  }

  /** TASK slots not done in communities the user manages, due before {@code until}. */
  public List<CalendarSlot> openTasks(long tenantId, String username, Instant until, Instant now) {
    return jdbc.sql("""
        select s.* from community_sop_slots s
        join community_managers m on m.community_id = s.community_id and m.username = :u
        where s.tenant_id = :t and s.mode = 'TASK' and s.status in ('PLANNED', 'REMINDED') and s.due_at < :until
        order by s.due_at, s.id limit 200
        """).param("t", tenantId).param("u", username).param("until", Timestamp.from(until))
        .query((rs, i) -> map(rs, now)).list();
  }

  /** Claims the slot's firing: true once per slot, whoever asks how often. */
  public Optional<CalendarSlot> claimFiring(long id, Instant now) {
    return jdbc.sql("""
        update community_sop_slots set fired_at = :now,
          status = case when mode = 'TASK' then 'REMINDED' else status end
        where id = :id and fired_at is null and status = 'PLANNED' returning *
        """).param("id", id).param("now", Timestamp.from(now)).query((rs, i) -> map(rs, now)).optional();
  }

  public void posted(long id, long postId, Instant now) {
    jdbc.sql("""
        update community_sop_slots set status = 'DONE', post_id = :p, done_at = :now, done_by = 'auto'
        where id = :id
        """).param("id", id).param("p", postId).param("now", Timestamp.from(now)).update();
  }

  /** Marks the slot SKIPPED with its {@code reason} (e.g. {@code community-archived}). */
  public void skipped(long id, Instant now, String reason) {
    jdbc.sql("update community_sop_slots set status = 'SKIPPED', done_at = :now, skip_reason = :r where id = :id")
        .param("id", id).param("now", Timestamp.from(now)).param("r", reason).update();
  }

  /** Marks a TASK slot done; false when it is not open (done already, or not a task). */
  public boolean markDone(long tenantId, long id, String username, Instant now) {
    return jdbc.sql("""
        update community_sop_slots set status = 'DONE', done_at = :now, done_by = :u
        where tenant_id = :t and id = :id and mode = 'TASK' and status in ('PLANNED', 'REMINDED')
        """).param("t", tenantId).param("id", id).param("u", username).param("now", Timestamp.from(now))
        .update() == 1;
  }

  static CalendarSlot map(ResultSet rs, Instant now) throws SQLException {
    String status = rs.getString("status");
    Instant due = rs.getTimestamp("due_at").toInstant();
    Timestamp fired = rs.getTimestamp("fired_at");
    Timestamp done = rs.getTimestamp("done_at");
    long post = rs.getLong("post_id");
    Long postId = rs.wasNull() ? null : post;
    long template = rs.getLong("template_id");
    Long templateId = rs.wasNull() ? null : template;
    long export = rs.getLong("export_id");
    Long exportId = rs.wasNull() ? null : export;
    boolean open = "PLANNED".equals(status) || "REMINDED".equals(status);
    return new CalendarSlot(rs.getLong("id"), rs.getLong("community_id"), rs.getDate("week_start").toLocalDate(),
        due, SopSlotKind.valueOf(rs.getString("kind")), SopMode.valueOf(rs.getString("mode")),
        rs.getString("title"), rs.getString("body"), status, fired == null ? null : fired.toInstant(),
        done == null ? null : done.toInstant(), rs.getString("done_by"), rs.getString("skip_reason"), postId, templateId, exportId,
        open && due.isBefore(now));
  }
}
