package dev.flywheel.review.store;

import dev.flywheel.review.ReviewSections;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Review versions; a save appends the next version number (the primary key refuses a lost race). */
@Repository
public class ReviewStore {
  private final JdbcClient jdbc;

  ReviewStore(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  public record Saved(int version, ReviewSections sections, String writtenBy, Instant writtenAt) {}

  public int append(long tenantId, long campaignId, ReviewSections s, String actor, Instant now) {
    return jdbc.sql("""
        INSERT INTO review_versions (tenant_id, campaign_id, version, reach_target, participant_target,
          conversion_target, reached, conversions, value_per_conversion, conversion_event, points_per_yuan, analysis, insights, written_by,
          written_at)
        SELECT :t, :c, coalesce(max(version), 0) + 1, :reachTarget, :participantTarget, :conversionTarget,
          :reached, :conversions, :value, :event, :ppy, :analysis, :insights, :actor, :now
        FROM review_versions WHERE tenant_id = :t AND campaign_id = :c
        RETURNING version""")
        .param("t", tenantId).param("c", campaignId).param("reachTarget", s.reachTarget())
        .param("participantTarget", s.participantTarget()).param("conversionTarget", s.conversionTarget())
        .param("reached", s.reached()).param("conversions", s.conversions()).param("value", s.valuePerConversion())
        .param("event", s.conversionEvent()).param("ppy", s.pointsPerYuan())
        .param("analysis", s.analysis()).param("insights", s.insights()).param("actor", actor)
        .param("now", Timestamp.from(now)).query(Integer.class).single();
  }

  public Optional<Saved> latest(long tenantId, long campaignId) {
    return versions(tenantId, campaignId).stream().findFirst();
  }

  /** Newest first. */
  public List<Saved> versions(long tenantId, long campaignId) {
    return jdbc.sql("SELECT * FROM review_versions WHERE tenant_id = :t AND campaign_id = :c ORDER BY version DESC")
        .param("t", tenantId).param("c", campaignId).query((rs, n) -> row(rs)).list();
  }

  private static Saved row(ResultSet rs) throws SQLException {
    var s = new ReviewSections(along(rs, "reach_target"), along(rs, "participant_target"),
        along(rs, "conversion_target"), along(rs, "reached"), along(rs, "conversions"),
        along(rs, "value_per_conversion"), rs.getString("conversion_event"),
        along(rs, "points_per_yuan"), rs.getString("analysis"), rs.getString("insights"));
    return new Saved(rs.getInt("version"), s, rs.getString("written_by"), rs.getTimestamp("written_at").toInstant());
  }

  private static Long along(ResultSet rs, String column) throws SQLException {
    long v = rs.getLong(column);
    return rs.wasNull() ? null : v;
  }
}
