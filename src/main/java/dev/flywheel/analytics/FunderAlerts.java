package dev.flywheel.analytics;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.flywheel.analytics.alert.AlertMail;
import dev.flywheel.platform.web.FieldIssue;
import dev.flywheel.platform.web.Problem;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The funder alert (seed 002) beyond the console: a tenant configures the drop threshold and who
 * is told; {@link #check} compares each funder's last 7 days with the 28 before
 * ({@link Quality#funders}) and opens one alert per funder and reason while the drop lasts (closed
 * when it no longer shows), e-mailing each recipient once per alert through reach's
 * {@code StaffMail}. A recurring job checks every configured tenant hourly; checking again sends
 * nothing new. Thread-safe.
 */
@Service
public class FunderAlerts {
  public static final int DEFAULT_THRESHOLD = 20;
  private static final int MAX_RECIPIENTS = 20;
  private final JdbcClient jdbc;
  private final Quality quality;
  private final AlertMail mail;
  private final TransactionTemplate transactions;
  private final Clock clock;

  FunderAlerts(JdbcClient jdbc, Quality quality, AlertMail mail, TransactionTemplate transactions, Clock clock) {
    this.jdbc = jdbc;
    this.quality = quality;
    this.mail = mail;
    this.transactions = transactions;
    this.clock = clock;
  }

  public record Settings(@JsonProperty("threshold_percent") int thresholdPercent, List<String> recipients,
      @JsonProperty("updated_by") String updatedBy) {}

  /** An alert and its e-mails ({@code recipient → SENT / NOT_SENT reason / PENDING}). */
  public record Alert(long id, String funder, String reason, Double recent, Double trailing,
      @JsonProperty("threshold_percent") int thresholdPercent, @JsonProperty("opened_at") Instant openedAt,
      @JsonProperty("closed_at") Instant closedAt, Map<String, String> emails) {}

  /** What a check did: alerts opened and closed, e-mails sent and not sent. */
  public record CheckResult(int opened, int closed, int sent, @JsonProperty("not_sent") int notSent) {}

  public Optional<Settings> settings(long tenantId) {
    return jdbc.sql("select threshold_percent, recipients, updated_by from analytics_funder_alert_settings where tenant_id = :t")
        .param("t", tenantId).query((rs, n) -> new Settings(rs.getInt(1),
            List.of((String[]) rs.getArray(2).getArray()), rs.getString(3))).optional();
  }

  /** The threshold in force: the configured one, else {@link #DEFAULT_THRESHOLD}. */
  public int threshold(long tenantId) {
    return settings(tenantId).map(Settings::thresholdPercent).orElse(DEFAULT_THRESHOLD);
  }

  /** @throws Problem 422 {@code invalid-threshold} (1–100) or {@code invalid-email} naming {@code recipients[i]} */
  public Settings save(long tenantId, Integer threshold, List<String> recipients, String actor) {
    List<FieldIssue> issues = new ArrayList<>();
    if (threshold == null || threshold < 1 || threshold > 100) {
      issues.add(new FieldIssue("threshold_percent", "invalid-threshold", "a whole percent from 1 to 100"));
    }
    List<String> clean = recipients == null ? List.of()
        : recipients.stream().map(r -> r == null ? "" : r.trim()).filter(r -> !r.isEmpty()).distinct().toList();
    if (clean.size() > MAX_RECIPIENTS) {
      issues.add(new FieldIssue("recipients", "too-many-recipients", "at most " + MAX_RECIPIENTS));
    }
    for (int i = 0; i < clean.size(); i++) {
      if (clean.get(i).length() > 254 || !clean.get(i).matches("[^@\\s,;<>]+@[^@\\s,;<>]+\\.[^@\\s,;<>]+")) {
        issues.add(new FieldIssue("recipients[" + i + "]", "invalid-email", "an e-mail address"));
      }
    }
    if (!issues.isEmpty()) {
      throw Problem.invalid(issues.getFirst().code(), "The funder alert settings are invalid", issues);
    }
    jdbc.sql("""
            insert into analytics_funder_alert_settings (tenant_id, threshold_percent, recipients, updated_by, updated_at)
            values (:t, :threshold, :recipients, :actor, :now)
            on conflict (tenant_id) do update set threshold_percent = excluded.threshold_percent,
              recipients = excluded.recipients, updated_by = excluded.updated_by, updated_at = excluded.updated_at""")
        .param("t", tenantId).param("threshold", threshold).param("recipients", clean.toArray(String[]::new))
        .param("actor", actor).param("now", Timestamp.from(clock.instant())).update();
    return new Settings(threshold, clean, actor);
  }

  /** Opens and closes alerts from today's figures, then mails what is pending. Call outside a transaction. */
  public CheckResult check(long tenantId) {
    Optional<Settings> settings = settings(tenantId);
    int threshold = settings.map(Settings::thresholdPercent).orElse(DEFAULT_THRESHOLD);
    List<String> recipients = settings.map(Settings::recipients).orElse(List.of());
    List<Quality.FunderQuality> funders = quality.funders(tenantId, threshold);
    int[] changed = transactions.execute(status -> changes(tenantId, funders, threshold, recipients));
    int[] mailed = mail.sendPending(tenantId);
    return new CheckResult(changed[0], changed[1], mailed[0], mailed[1]);
  }

  /** Checks every tenant that configured alerts; for the recurring job. */
  public void checkAll() {
    jdbc.sql("select tenant_id from analytics_funder_alert_settings order by tenant_id").query(Long.class).list()
        .forEach(this::check);
  }

  public List<Alert> list(long tenantId, int limit) {
    return jdbc.sql("""
            select a.id, a.funder, a.reason, a.recent_value::float8, a.trailing_value::float8, a.threshold_percent, a.opened_at, a.closed_at,
                   coalesce(jsonb_object_agg(m.recipient, m.status || coalesce(' ' || m.reason, ''))
                            filter (where m.recipient is not null), '{}')::text
            from analytics_funder_alerts a left join analytics_funder_alert_mails m on m.alert_id = a.id
            where a.tenant_id = :t group by a.id order by a.opened_at desc, a.id desc limit :limit""")
        .param("t", tenantId).param("limit", Math.clamp(limit, 1, 500))
        .query((rs, n) -> new Alert(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getObject(4, Double.class),
            rs.getObject(5, Double.class), rs.getInt(6), rs.getTimestamp(7).toInstant(),
            rs.getTimestamp(8) == null ? null : rs.getTimestamp(8).toInstant(), AlertMail.parse(rs.getString(9)))).list();
  }

  private int[] changes(long tenantId, List<Quality.FunderQuality> funders, int threshold, List<String> recipients) {
    int opened = 0;
    List<String> open = new ArrayList<>();
    for (Quality.FunderQuality f : funders) {
      for (String reason : f.reasons()) {
        open.add(f.funder() + "|" + reason);
        boolean rate = reason.equals("approval-rate-drop");
        Double recent = rate ? f.approvalRate7d() : f.averageLine7d() == null ? null : f.averageLine7d().doubleValue();
        Double trailing = rate ? f.approvalRateTrailing()
            : f.averageLineTrailing() == null ? null : f.averageLineTrailing().doubleValue();
        Optional<Long> id = jdbc.sql("""
                insert into analytics_funder_alerts (tenant_id, funder, reason, recent_value, trailing_value, threshold_percent, opened_at)
                values (:t, :funder, :reason, :recent, :trailing, :threshold, :now)
                on conflict (tenant_id, funder, reason) where closed_at is null do nothing returning id""")
            .param("t", tenantId).param("funder", f.funder()).param("reason", reason).param("recent", recent)
            .param("trailing", trailing).param("threshold", threshold).param("now", Timestamp.from(clock.instant()))
            .query(Long.class).optional();
        if (id.isPresent()) {
          opened++;
          mail.queue(id.get(), recipients);
        }
      }
    }
    int closed = jdbc.sql("""
            update analytics_funder_alerts set closed_at = :now
            where tenant_id = :t and closed_at is null and not (funder || '|' || reason = any(:open))""")
        .param("t", tenantId).param("now", Timestamp.from(clock.instant())).param("open", open.toArray(String[]::new))
        .update();
    return new int[] {opened, closed};
  }
}
