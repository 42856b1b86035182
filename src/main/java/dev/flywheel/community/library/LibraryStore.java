package dev.flywheel.community.library;

import dev.flywheel.community.ActivityScript;
import dev.flywheel.community.GameForm;
import dev.flywheel.community.GamePrize;
import dev.flywheel.community.GameSpec;
import dev.flywheel.community.LibraryActivity;
import dev.flywheel.ledger.Asset;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** SQL of library activities, their immutable versions and their exports. */
@Component
public class LibraryStore {
  private static final String SELECT = """
      select v.*, a.current_version from community_library_versions v
      join community_library_activities a on a.id = v.activity_id
      """;
  private final JdbcClient jdbc;

  LibraryStore(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  public long create(long tenantId, ActivityScript script, String actor, Instant now) {
    long id = jdbc.sql("""
        insert into community_library_activities (tenant_id, current_version, created_by, created_at)
        values (:t, 1, :a, :now) returning id
        """).param("t", tenantId).param("a", actor).param("now", Timestamp.from(now)).query(Long.class).single();
    insertVersion(id, 1, script, actor, now);
    return id;
  }

  /** Adds the next version and makes it current; empty for an unknown activity. */
  public Optional<Integer> edit(long tenantId, long id, ActivityScript script, String actor, Instant now) {
    Optional<Integer> version = jdbc.sql("""
        update community_library_activities set current_version = current_version + 1
        where tenant_id = :t and id = :id returning current_version
        """).param("t", tenantId).param("id", id).query(Integer.class).optional();
    version.ifPresent(v -> insertVersion(id, v, script, actor, now));
    return version;
  }

  private void insertVersion(long id, int version, ActivityScript s, String actor, Instant now) {
    jdbc.sql("""
        insert into community_library_versions (activity_id, version, title, theme, tags, rules, content, form, game,
          prize_asset, prize_amount, prize_note, duration_minutes, edited_by, edited_at)
        values (:id, :v, :title, :theme, :tags, :rules, cast(:content as jsonb), :form, cast(:game as jsonb),
          :asset, :amount, :note, :duration, :actor, :now)
        """).param("id", id).param("v", version).param("title", s.title().strip()).param("theme", s.theme().strip())
        .param("tags", s.tags() == null ? new String[0] : s.tags().stream().map(String::strip).distinct()
            .toArray(String[]::new))
        .param("rules", s.rules() == null ? "" : s.rules()).param("content", ScriptJson.messages(s.messages()))
        .param("form", s.form() == null ? "PLAIN" : s.form().name()).param("game", ScriptJson.game(s))
        .param("asset", s.prize() == null ? null : s.prize().asset().name())
        .param("amount", s.prize() == null ? null : s.prize().amount())
        .param("note", s.prizeNote() == null ? "" : s.prizeNote()).param("duration", s.durationMinutes())
        .param("actor", actor).param("now", Timestamp.from(now)).update();
  }

  public Optional<LibraryActivity> version(long tenantId, long id, Integer version) {
    return jdbc.sql(SELECT + " where a.tenant_id = :t and a.id = :id and v.version = coalesce(:v, a.current_version)")
        .param("t", tenantId).param("id", id).param("v", version).query((rs, i) -> map(rs)).optional();
  }

  public List<LibraryActivity> versions(long tenantId, long id) {
    return jdbc.sql(SELECT + " where a.tenant_id = :t and a.id = :id order by v.version desc")
        .param("t", tenantId).param("id", id).query((rs, i) -> map(rs)).list();
  }

  /**
   * Current versions matching all given filters: {@code theme} (exact, case-insensitive),
   * {@code tag} (one of the tags), {@code text} (in title, theme, rules, tags or messages).
   */
  public List<LibraryActivity> search(long tenantId, String text, String theme, String tag) {
    return jdbc.sql(SELECT + """
         where a.tenant_id = :t and v.version = a.current_version
          and (cast(:theme as text) is null or lower(v.theme) = lower(:theme))
          and (cast(:tag as text) is null or exists (select 1 from unnest(v.tags) g where lower(g) = lower(:tag)))
          and (cast(:q as text) is null or strpos(lower(v.title || ' ' || v.theme || ' ' || v.rules || ' '
            || array_to_string(v.tags, ' ') || ' ' || v.content::text), lower(:q)) > 0)
        order by a.id desc limit 200
        """).param("t", tenantId).param("theme", blank(theme)).param("tag", blank(tag)).param("q", blank(text))
        .query((rs, i) -> map(rs)).list();
  }

  public long export(long tenantId, long communityId, long activityId, int version, Instant startsAt, int duration,
      GameSpec spec, String actor, Instant now) {
    return jdbc.sql("""
        insert into community_library_exports (tenant_id, community_id, activity_id, version, starts_at,
          duration_minutes, game_spec, exported_by, exported_at)
        values (:t, :c, :a, :v, :start, :d, cast(:spec as jsonb), :actor, :now) returning id
        """).param("t", tenantId).param("c", communityId).param("a", activityId).param("v", version)
        .param("start", Timestamp.from(startsAt)).param("d", duration).param("spec", ScriptJson.spec(spec))
        .param("actor", actor).param("now", Timestamp.from(now)).query(Long.class).single();
  }

  public void gamePrepared(long exportId, long gameId) {
    jdbc.sql("update community_library_exports set game_id = :g where id = :id").param("g", gameId)
        .param("id", exportId).update();
  }

  /** An export's row: community, activity, version, start, game spec, game id, by. */
  public record ExportRow(long id, long communityId, long activityId, int version, Instant startsAt,
      int durationMinutes, GameSpec game, Long gameId, String exportedBy) {}

  public Optional<ExportRow> findExport(long tenantId, long id) {
    return jdbc.sql("select * from community_library_exports where tenant_id = :t and id = :id")
        .param("t", tenantId).param("id", id).query((rs, i) -> exportRow(rs)).optional();
  }

  public List<ExportRow> exports(long tenantId) {
    return jdbc.sql("select * from community_library_exports where tenant_id = :t order by id")
        .param("t", tenantId).query((rs, i) -> exportRow(rs)).list();
  }

  public List<ExportRow> exportsOf(long tenantId, long communityId) {
    return jdbc.sql("select * from community_library_exports where tenant_id = :t and community_id = :c order by starts_at desc")
        .param("t", tenantId).param("c", communityId).query((rs, i) -> exportRow(rs)).list();
  }

  private static ExportRow exportRow(ResultSet rs) throws SQLException {
    long game = rs.getLong("game_id");
    Long gameId = rs.wasNull() ? null : game;
    return new ExportRow(rs.getLong("id"), rs.getLong("community_id"), rs.getLong("activity_id"),
        rs.getInt("version"), rs.getTimestamp("starts_at").toInstant(), rs.getInt("duration_minutes"),
        ScriptJson.spec(rs.getString("game_spec")), gameId, rs.getString("exported_by"));
  }

  private static LibraryActivity map(ResultSet rs) throws SQLException {
    String form = rs.getString("form");
    ScriptJson.Game game = ScriptJson.game(rs.getString("game"));
    String asset = rs.getString("prize_asset");
    GamePrize prize = asset == null ? null : new GamePrize(Asset.valueOf(asset), rs.getLong("prize_amount"));
    ActivityScript script = new ActivityScript(rs.getString("title"), rs.getString("theme"),
        Arrays.asList((String[]) rs.getArray("tags").getArray()), rs.getString("rules"),
        ScriptJson.messages(rs.getString("content")), "PLAIN".equals(form) ? null : GameForm.valueOf(form),
        game.questions(), game.revealDelay(), game.productPost(), prize, rs.getString("prize_note"),
        rs.getInt("duration_minutes"));
    return new LibraryActivity(rs.getLong("activity_id"), rs.getInt("version"), rs.getInt("current_version"), script,
        rs.getString("edited_by"), rs.getTimestamp("edited_at").toInstant());
  }

  private static String blank(String s) {
    return s == null || s.isBlank() ? null : s.strip();
  }
}
