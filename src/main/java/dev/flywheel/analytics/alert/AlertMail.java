package dev.flywheel.analytics.alert;

import dev.flywheel.reach.StaffMail;
import java.sql.Timestamp;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/**
 * The e-mails of funder alerts through reach's {@link StaffMail}: queued {@code PENDING} per
 * recipient with the alert (same transaction), then each claimed by a conditional update
 * ({@code PENDING → SENDING}) outside any transaction and sent at most once; the outcome is
 * recorded ({@code SENT}, or {@code NOT_SENT} with reach's reason). Not retried.
 */
@Component
public class AlertMail {
  private static final JsonMapper JSON = JsonMapper.builder().build();
  private final JdbcClient jdbc;
  private final StaffMail mail;
  private final Clock clock;

  AlertMail(JdbcClient jdbc, StaffMail mail, Clock clock) {
    this.jdbc = jdbc;
    this.mail = mail;
    this.clock = clock;
  }

  public void queue(long alertId, List<String> recipients) {
    for (String to : recipients) {
      jdbc.sql("insert into analytics_funder_alert_mails (alert_id, recipient, status) values (:a, :to, 'PENDING')"
              + " on conflict do nothing").param("a", alertId).param("to", to).update();
    }
  }

  /** Sends the tenant's pending alert e-mails; returns {sent, not sent}. */
  public int[] sendPending(long tenantId) {
    int[] counts = new int[2];
    List<Claim> pending = jdbc.sql("""
            select m.alert_id, m.recipient from analytics_funder_alert_mails m
            join analytics_funder_alerts a on a.id = m.alert_id
            where a.tenant_id = :t and m.status = 'PENDING' order by m.alert_id, m.recipient""")
        .param("t", tenantId).query((rs, n) -> new Claim(rs.getLong(1), rs.getString(2))).list();
    for (Claim c : pending) {
      var claimed = jdbc.sql("""
              update analytics_funder_alert_mails m set status = 'SENDING'
              from analytics_funder_alerts a
              where m.alert_id = :a and m.recipient = :to and m.status = 'PENDING' and a.id = m.alert_id
              returning a.funder, a.reason, a.recent_value::float8, a.trailing_value::float8, a.threshold_percent""")
          .param("a", c.alertId()).param("to", c.to())
          .query((rs, n) -> new Text(rs.getString(1), rs.getString(2), rs.getObject(3, Double.class),
              rs.getObject(4, Double.class), rs.getInt(5))).optional();
      if (claimed.isEmpty()) {
        continue;
      }
      StaffMail.Outcome outcome = mail.send(tenantId, c.to(), claimed.get().subject(), claimed.get().body(),
          "funder-alert-" + c.alertId() + "-" + Integer.toHexString(c.to().toLowerCase(Locale.ROOT).hashCode()));
      boolean sent = outcome instanceof StaffMail.Outcome.Sent;
      counts[sent ? 0 : 1]++;
      jdbc.sql("""
              update analytics_funder_alert_mails set status = :s, reason = :r, sent_at = :now
              where alert_id = :a and recipient = :to and status = 'SENDING'""")
          .param("s", sent ? "SENT" : "NOT_SENT").param("r", outcome instanceof StaffMail.Outcome.NotSent n ? n.reason() : null)
          .param("now", Timestamp.from(clock.instant())).param("a", c.alertId()).param("to", c.to()).update();
    }
    return counts;
  }

  /** The e-mails column of an alert list row: JSON {recipient: "STATUS[ reason]"}. */
  public static Map<String, String> parse(String json) {
    Map<String, String> result = new LinkedHashMap<>();
    JSON.readTree(json).properties().forEach(e -> result.put(e.getKey(), e.getValue().asString()));
    return result;
  }

  private record Claim(long alertId, String to) {}

  private record Text(String funder, String reason, Double recent, Double trailing, int threshold) {
    String subject() {
      return "[Flywheel] Funder alert: " + funder + (reason.equals("approval-rate-drop")
          ? " approval rate dropped" : " average credit line dropped");
    }

    String body() {
      boolean rate = reason.equals("approval-rate-drop");
      String what = rate ? "Approval rate" : "Average credit line";
      return """
          %s of funder %s dropped by more than %d %% against its trailing average.

          Last 7 days:        %s
          The 28 days before: %s

          See Analytics → Channel and funder quality in the Flywheel console.
          """.formatted(what, funder, threshold, format(recent, rate), format(trailing, rate));
    }

    private static String format(Double value, boolean rate) {
      if (value == null) {
        return "–";
      }
      return rate ? String.format(Locale.ROOT, "%.1f %%", value * 100) : String.format(Locale.ROOT, "%.2f", value);
    }
  }
}
