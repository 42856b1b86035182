package dev.flywheel.analytics;

import dev.flywheel.analytics.rollup.RollupFeed;
import com.fasterxml.jackson.annotation.JsonProperty;
import dev.flywheel.analytics.rollup.Milestones;
import dev.flywheel.campaign.Campaign;
import dev.flywheel.campaign.Campaigns;
import dev.flywheel.campaign.Window;
import dev.flywheel.customer.CustomerProfile;
import dev.flywheel.customer.Customers;
import dev.flywheel.platform.web.Problem;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/**
 * Activity data of a campaign (seed 000): who participated (any event attributed to it), who
 * shared (an attributed {@code share}), who completed (an attributed {@code investment},
 * {@code drawdown} or {@code coupon_redeemed}) and how many participants are high-net-worth (the
 * profile's asset tier), in total, per promotion channel (of the customer's earliest attributed
 * event naming one: attribute {@code channel}, else {@code source}, else its attribution channel)
 * and per period of the campaign's window the customer joined in: {@code WARM_UP}
 * ({@code [warm_up_starts_at, starts_at)}), {@code DETONATION}, {@code MAIN} (the rest of the
 * window) or {@code OUTSIDE}. Thread-safe.
 */
@Service
public class CampaignActivity {
  /** Asset tiers that count as high-net-worth unless the caller names others. */
  public static final Set<String> HIGH_NET_WORTH = Set.of("high_net_worth");
  private static final int PROFILE_CHUNK = 2_000;
  private final JdbcClient jdbc;
  private final Campaigns campaigns;
  private final Customers customers;
  private final RollupFeed feed;

  CampaignActivity(JdbcClient jdbc, Campaigns campaigns, Customers customers, RollupFeed feed) {
    this.feed = feed;
    this.jdbc = jdbc;
    this.campaigns = campaigns;
    this.customers = customers;
  }

  public enum Period { WARM_UP, MAIN, DETONATION, OUTSIDE }

  /** Counts of one slice; {@code key} is the channel, period or {@code all}. */
  public record Slice(String key, long participants, long shared, long completed,
      @JsonProperty("high_net_worth") long highNetWorth) {}

  public record Report(@JsonProperty("campaign_id") long campaignId, String name, String attribution, Window window,
      Slice total, @JsonProperty("by_channel") List<Slice> byChannel, @JsonProperty("by_period") List<Slice> byPeriod) {}

  /**
   * @param attribution the {@code campaign} attribution of the events; null = the campaign's id as text
   * @param tiers asset tiers counted as high-net-worth; null or empty = {@link #HIGH_NET_WORTH}
   * @throws Problem not-found for an unknown campaign
   */
  public Report report(long tenantId, long campaignId, String attribution, Set<String> tiers) {
    Campaign campaign = campaigns.find(tenantId, campaignId)
        .orElseThrow(() -> Problem.notFound("campaign", Long.toString(campaignId)));
    Window window = campaign.activePlan().orElse(campaign.plan()).window();
    String key = attribution == null || attribution.isBlank() ? Long.toString(campaignId) : attribution;
    feed.catchUp(tenantId);
    List<Joined> joined = jdbc.sql("""
            select customer_id, joined_at, channel, shared_at is not null, completed_at is not null
            from analytics_campaign_customers where tenant_id = :tenant and campaign = :campaign order by customer_id""")
        .param("tenant", tenantId).param("campaign", key).query(CampaignActivity::joined).list();
    Set<String> rich = highNetWorth(tenantId, joined, tiers == null || tiers.isEmpty() ? HIGH_NET_WORTH : tiers);
    Map<String, long[]> channels = new TreeMap<>();
    Map<String, long[]> periods = new LinkedHashMap<>();
    for (Period p : Period.values()) {
      periods.put(p.name(), new long[4]);
    }
    long[] total = new long[4];
    for (Joined j : joined) {
      boolean hnw = rich.contains(j.customerId());
      add(total, j, hnw);
      add(channels.computeIfAbsent(j.channel() == null ? "(none)" : j.channel(), k -> new long[4]), j, hnw);
      add(periods.get(period(window, j.joinedAt()).name()), j, hnw);
    }
    return new Report(campaignId, campaign.name(), key, window, slice("all", total), slices(channels), slices(periods));
  }

  /** The period of the campaign's window an instant falls in. */
  public static Period period(Window w, Instant at) {
    if (w == null || w.startsAt() == null || w.endsAt() == null) {
      return Period.MAIN;
    }
    if (w.detonationStartsAt() != null && !at.isBefore(w.detonationStartsAt()) && at.isBefore(w.detonationEndsAt())) {
      return Period.DETONATION;
    }
    if (!at.isBefore(w.startsAt()) && at.isBefore(w.endsAt())) {
      return Period.MAIN;
    }
    if (w.warmUpStartsAt() != null && !at.isBefore(w.warmUpStartsAt()) && at.isBefore(w.startsAt())) {
      return Period.WARM_UP;
    }
    return Period.OUTSIDE;
  }

  private record Joined(String customerId, Instant joinedAt, String channel, boolean shared, boolean completed) {}

  private static Joined joined(ResultSet rs, int n) throws SQLException {
    return new Joined(rs.getString(1), Milestones.instant(rs.getInt(2)), rs.getString(3), rs.getBoolean(4), rs.getBoolean(5));
  }

  private Set<String> highNetWorth(long tenantId, List<Joined> joined, Set<String> tiers) {
    Set<String> rich = new HashSet<>();
    for (int i = 0; i < joined.size(); i += PROFILE_CHUNK) {
      List<String> ids = joined.subList(i, Math.min(joined.size(), i + PROFILE_CHUNK)).stream().map(Joined::customerId).toList();
      for (CustomerProfile p : customers.stateBeforePending(tenantId, ids).values()) {
        if (p.assetTier() != null && tiers.contains(p.assetTier())) {
          rich.add(p.id());
        }
      }
    }
    return rich;
  }

  private static void add(long[] counts, Joined j, boolean hnw) {
    counts[0]++;
    counts[1] += j.shared() ? 1 : 0;
    counts[2] += j.completed() ? 1 : 0;
    counts[3] += hnw ? 1 : 0;
  }

  private static Slice slice(String key, long[] c) {
    return new Slice(key, c[0], c[1], c[2], c[3]);
  }

  private static List<Slice> slices(Map<String, long[]> counts) {
    List<Slice> result = new ArrayList<>();
    counts.forEach((k, c) -> result.add(slice(k, c)));
    return result;
  }
}
