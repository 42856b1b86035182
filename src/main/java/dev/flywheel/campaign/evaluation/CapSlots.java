package dev.flywheel.campaign.evaluation;

import dev.flywheel.campaign.ActiveCampaign;
import dev.flywheel.campaign.Caps;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.IsoFields;
import java.util.ArrayList;
import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Per-customer caps of a campaign (per day, ISO week, whole campaign; days and weeks in the
 * tenant's zone, of the event's {@code occurred_at}), enforced by PostgreSQL: a slot is taken by a
 * conditional upsert of the counter row ({@code used < cap}), which holds the row lock until
 * commit, so concurrent events of one customer queue on it and the cap can never be exceeded; a
 * rollback gives the slot back. Caller holds the transaction.
 */
@Component
class CapSlots {
  private final JdbcClient jdbc;

  CapSlots(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  /** The periods taken for one application; {@code refusal} names the cap that stopped it. */
  record Taken(List<String> periods, String refusal) {
    boolean granted() {
      return refusal == null;
    }
  }

  Taken take(long tenantId, ActiveCampaign campaign, String customerId, Instant at, ZoneId zone) {
    Caps caps = campaign.caps();
    LocalDate day = LocalDate.ofInstant(at, zone);
    List<String> taken = new ArrayList<>();
    String[][] periods = {
        {"D:" + day, "per_day", caps.perDay() == null ? null : caps.perDay().toString()},
        {"W:" + day.get(IsoFields.WEEK_BASED_YEAR) + "-W" + day.get(IsoFields.WEEK_OF_WEEK_BASED_YEAR), "per_week",
            caps.perWeek() == null ? null : caps.perWeek().toString()},
        {"C", "per_campaign", caps.perCampaign() == null ? null : caps.perCampaign().toString()}};
    for (String[] p : periods) {
      if (p[2] == null) {
        continue;
      }
      int cap = Integer.parseInt(p[2]);
      if (!increment(tenantId, campaign.campaignId(), customerId, p[0], cap)) {
        giveBack(tenantId, campaign.campaignId(), customerId, taken);
        return new Taken(List.of(), p[1] + " cap of " + cap + " reached (" + p[0] + ")");
      }
      taken.add(p[0]);
    }
    return new Taken(List.copyOf(taken), null);
  }

  void giveBack(long tenantId, long campaignId, String customerId, List<String> periods) {
    for (String period : periods) {
      jdbc.sql("""
              update campaign_cap_counters set used = used - 1
              where tenant_id = :tenant and campaign_id = :campaign and customer_id = :customer
                and period = :period and used > 0""")
          .param("tenant", tenantId).param("campaign", campaignId).param("customer", customerId)
          .param("period", period).update();
    }
  }

  private boolean increment(long tenantId, long campaignId, String customerId, String period, int cap) {
    return jdbc.sql("""
            insert into campaign_cap_counters as c (tenant_id, campaign_id, customer_id, period, used)
            values (:tenant, :campaign, :customer, :period, 1)
            on conflict (tenant_id, campaign_id, customer_id, period)
              do update set used = c.used + 1 where c.used < :cap
            returning used""")
        .param("tenant", tenantId).param("campaign", campaignId).param("customer", customerId)
        .param("period", period).param("cap", cap)
        .query(Integer.class).optional().isPresent();
  }
}
