package dev.flywheel.community.sop;

import dev.flywheel.community.SopMode;
import dev.flywheel.community.SopSlotKind;
import dev.flywheel.community.SopTemplate;
import java.sql.Date;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Time;
import java.sql.Timestamp;
import java.time.DayOfWeek;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** SQL of SOP templates and their slots. */
@Component
public class SopTemplateStore {
  private final JdbcClient jdbc;

  SopTemplateStore(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  public boolean nameTaken(long tenantId, String name, Long exceptId) {
    return jdbc.sql("select count(*) from community_sop_templates where tenant_id = :t and name = :n and id <> :x")
        .param("t", tenantId).param("n", name).param("x", exceptId == null ? -1L : exceptId)
        .query(Long.class).single() > 0;
  }

  public long create(long tenantId, String name, String description, String actor, Instant now) {
    return jdbc.sql("""
        insert into community_sop_templates (tenant_id, name, description, created_by, created_at, updated_at)
        values (:t, :n, :d, :a, :now, :now) returning id
        """).param("t", tenantId).param("n", name).param("d", description).param("a", actor)
        .param("now", Timestamp.from(now)).query(Long.class).single();
  }

  /** Renames and replaces the slots; slots already materialised keep their copy. */
  public boolean update(long tenantId, long id, String name, String description, Instant now) {
    return jdbc.sql("""
        update community_sop_templates set name = :n, description = :d, updated_at = :now
        where tenant_id = :t and id = :id
        """).param("t", tenantId).param("id", id).param("n", name).param("d", description)
        .param("now", Timestamp.from(now)).update() == 1;
  }

  public void replaceSlots(long templateId, List<SopTemplate.Slot> slots) {
    jdbc.sql("delete from community_sop_template_slots where template_id = :id").param("id", templateId).update();
    for (SopTemplate.Slot s : slots) {
      jdbc.sql("""
          insert into community_sop_template_slots (template_id, weekday, local_time, kind, mode, title, body,
            valid_from, valid_to) values (:tpl, :wd, :time, :kind, :mode, :title, :body, :from, :to)
          """).param("tpl", templateId).param("wd", s.weekday().getValue()).param("time", Time.valueOf(s.time()))
          .param("kind", s.kind().name()).param("mode", s.mode().name()).param("title", s.title())
          .param("body", s.body()).param("from", s.validFrom() == null ? null : Date.valueOf(s.validFrom()))
          .param("to", s.validTo() == null ? null : Date.valueOf(s.validTo())).update();
    }
  }

  public Optional<SopTemplate> find(long tenantId, long id) {
    return jdbc.sql("select * from community_sop_templates where tenant_id = :t and id = :id")
        .param("t", tenantId).param("id", id).query((rs, i) -> map(rs)).optional();
  }

  public List<SopTemplate> list(long tenantId) {
    return jdbc.sql("select * from community_sop_templates where tenant_id = :t order by name")
        .param("t", tenantId).query((rs, i) -> map(rs)).list();
  }

  private SopTemplate map(ResultSet rs) throws SQLException {
    long id = rs.getLong("id");
    return new SopTemplate(id, rs.getString("name"), rs.getString("description"), slots(id),
        rs.getString("created_by"), rs.getTimestamp("updated_at").toInstant());
  }

  private List<SopTemplate.Slot> slots(long templateId) {
    return jdbc.sql("""
        select * from community_sop_template_slots where template_id = :id order by weekday, local_time, id
        """).param("id", templateId).query((rs, i) -> new SopTemplate.Slot(rs.getLong("id"),
            DayOfWeek.of(rs.getInt("weekday")), rs.getTime("local_time").toLocalTime(),
            SopSlotKind.valueOf(rs.getString("kind")), SopMode.valueOf(rs.getString("mode")), rs.getString("title"),
            rs.getString("body"), rs.getDate("valid_from") == null ? null : rs.getDate("valid_from").toLocalDate(),
            rs.getDate("valid_to") == null ? null : rs.getDate("valid_to").toLocalDate())).list();
  }
}
