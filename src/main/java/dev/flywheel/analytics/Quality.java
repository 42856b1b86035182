package dev.flywheel.analytics;

import dev.flywheel.analytics.rollup.RollupFeed;
import com.fasterxml.jackson.annotation.JsonProperty;
import dev.flywheel.analytics.rollup.MilestoneKeys;
import dev.flywheel.analytics.rollup.Milestones;
import dev.flywheel.platform.web.FieldIssue;
import dev.flywheel.platform.web.Problem;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.sql.Date;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/**
 * Channel quality (seed 002): per acquisition channel, customers acquired (first landing-page
 * view) in a period, registration and drawdown conversion, cost and cost per funded customer, and
 * quality by later behaviour: the share of funded customers with an overdue (M1+) and gone bad
 * (written off or more than 90 days overdue), per acquisition month. Cost adds the monthly spend
 * and {@link AcquisitionPrices}. Funder quality: approval rate and average credit line, last 7 days against the 28 days
 * before, with an alert when either dropped by more than a threshold. Thread-safe.
 */
@Service
public class Quality {
  private final JdbcClient jdbc;
  private final MilestoneKeys keys;
  private final Clock clock;
  private final AcquisitionPrices prices;
  private final RollupFeed feed;

  Quality(JdbcClient jdbc, MilestoneKeys keys, Clock clock, AcquisitionPrices prices, RollupFeed feed) {
    this.feed = feed;
    this.jdbc = jdbc;
    this.keys = keys;
    this.clock = clock;
    this.prices = prices;
  }

  public record ChannelQuality(String channel, long acquired, long registered, long funded, long overdue,
      @JsonProperty("registration_rate") double registrationRate, @JsonProperty("funding_rate") double fundingRate,
      @JsonProperty("overdue_rate") double overdueRate, BigDecimal cost,
      @JsonProperty("cost_per_funded") BigDecimal costPerFunded, List<CohortOverdue> cohorts,
      @JsonProperty("bad_debt") long badDebt, @JsonProperty("bad_debt_rate") double badDebtRate,
      @JsonProperty("cost_per_registered") BigDecimal costPerRegistered) {}

  /**
   * One acquisition month of a channel: funded customers, those with an overdue (M1+: any
   * {@code overdue} event) and those gone bad (a {@code write_off}, or an {@code overdue} of more
   * than 90 days), with their shares of the funded.
   */
  public record CohortOverdue(String month, long funded, long overdue, double rate,
      @JsonProperty("bad_debt") long badDebt, @JsonProperty("bad_debt_rate") double badDebtRate) {}

  public record FunderQuality(String funder, long decisions, @JsonProperty("approval_rate") double approvalRate,
      @JsonProperty("approval_rate_7d") Double approvalRate7d, @JsonProperty("approval_rate_trailing") Double approvalRateTrailing,
      @JsonProperty("average_line_7d") BigDecimal averageLine7d, @JsonProperty("average_line_trailing") BigDecimal averageLineTrailing,
      boolean alert, List<String> reasons, List<Week> weeks) {}

  public record Week(String week, long decisions, double approvalRate, BigDecimal averageLine) {}

  public List<ChannelQuality> channels(long tenantId, LocalDate from, LocalDate to) {
    if (from == null || to == null || to.isBefore(from)) {
      throw Problem.invalid("invalid-period", "The period is invalid",
          List.of(new FieldIssue("to", "invalid-period", "from must not be after to")));
    }
    feed.catchUp(tenantId);
    String acquired = column(tenantId, "page_view:landing");
    String sql = """
        select coalesce(channel, '(none)') as channel,
               to_char(date_trunc('month', timestamp '2020-01-01' + %1$s * interval '1 second'), 'YYYY-MM') as month,
               count(*) as acquired, count(%2$s) as registered, count(%3$s) as funded,
               count(case when %3$s is not null and %4$s is not null then 1 end) as overdue,
               count(case when %3$s is not null and %5$s is not null then 1 end) as bad_debt
        from analytics_customers c
        where c.tenant_id = :tenant and %1$s >= :from and %1$s < :to
        group by 1, 2 order by 1, 2""".formatted(acquired, column(tenantId, "registered"),
        column(tenantId, "drawdown"), column(tenantId, "overdue"),
        column(tenantId, Milestones.BAD_DEBT));
    Map<String, long[]> totals = new LinkedHashMap<>();
    Map<String, List<CohortOverdue>> cohorts = new LinkedHashMap<>();
    jdbc.sql(sql).param("tenant", tenantId)
        .param("from", Milestones.seconds(from.atStartOfDay(ZoneOffset.UTC).toInstant()))
        .param("to", Milestones.seconds(to.plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant()))
        .query((rs, n) -> {
          long[] t = totals.computeIfAbsent(rs.getString(1), k -> new long[5]);
          for (int i = 0; i < 5; i++) {
            t[i] += rs.getLong(3 + i);
          }
          cohorts.computeIfAbsent(rs.getString(1), k -> new ArrayList<>())
              .add(new CohortOverdue(rs.getString(2), rs.getLong(5), rs.getLong(6), share(rs.getLong(6), rs.getLong(5)),
                  rs.getLong(7), share(rs.getLong(7), rs.getLong(5))));
          return 1;
        }).list();
    Map<String, BigDecimal> costs = costs(tenantId, from, to);
    prices.costs(tenantId, from, to).forEach((channel, cost) -> costs.merge(channel, cost, BigDecimal::add));
    List<ChannelQuality> result = new ArrayList<>();
    totals.forEach((channel, t) -> {
      BigDecimal cost = costs.get(channel);
      result.add(new ChannelQuality(channel, t[0], t[1], t[2], t[3], share(t[1], t[0]), share(t[2], t[1]),
          share(t[3], t[2]), cost, per(cost, t[2]), cohorts.get(channel), t[4], share(t[4], t[2]), per(cost, t[1])));
    });
    result.sort((a, b) -> Long.compare(b.acquired(), a.acquired()));
    return result;
  }

  /** Sets (replaces) a channel's spend for a month. */
  public void setCost(long tenantId, String channel, LocalDate month, BigDecimal cost) {
    List<FieldIssue> issues = new ArrayList<>();
    if (channel == null || channel.isBlank() || channel.length() > 64) {
      issues.add(new FieldIssue("channel", "invalid-channel", "1 to 64 characters"));
    }
    if (month == null || month.getDayOfMonth() != 1) {
      issues.add(new FieldIssue("month", "invalid-month", "the first day of a month"));
    }
    if (cost == null || cost.signum() < 0 || cost.scale() > 2) {
      issues.add(new FieldIssue("cost", "invalid-amount", "a non-negative amount with at most 2 decimals"));
    }
    if (!issues.isEmpty()) {
      throw Problem.invalid(issues.getFirst().code(), "The channel cost is invalid", issues);
    }
    jdbc.sql("""
            insert into analytics_channel_costs (tenant_id, channel, month, cost) values (:tenant, :channel, :month, :cost)
            on conflict (tenant_id, channel, month) do update set cost = excluded.cost""")
        .param("tenant", tenantId).param("channel", channel).param("month", Date.valueOf(month)).param("cost", cost).update();
  }

  public List<FunderQuality> funders(long tenantId, int thresholdPercent) {
    feed.catchUp(tenantId);
    LocalDate today = LocalDate.now(clock.withZone(ZoneOffset.UTC));
    List<FunderQuality> result = new ArrayList<>();
    Map<String, List<Week>> weeks = new LinkedHashMap<>();
    jdbc.sql("""
            select funder, to_char(date_trunc('week', day), 'YYYY-MM-DD'), sum(decisions), sum(approvals), sum(line_sum), sum(lines)
            from analytics_funder_daily where tenant_id = :tenant and day > :since group by 1, 2 order by 1, 2""")
        .param("tenant", tenantId).param("since", Date.valueOf(today.minusWeeks(26)))
        .query((rs, n) -> weeks.computeIfAbsent(rs.getString(1), k -> new ArrayList<>()).add(new Week(rs.getString(2),
            rs.getLong(3), share(rs.getLong(4), rs.getLong(3)), average(rs.getBigDecimal(5), rs.getLong(6))))).list();
    jdbc.sql("""
            select funder, sum(decisions), sum(approvals),
                   sum(decisions) filter (where day > :recent), sum(approvals) filter (where day > :recent),
                   sum(line_sum) filter (where day > :recent), sum(lines) filter (where day > :recent),
                   sum(decisions) filter (where day <= :recent and day > :trailing),
                   sum(approvals) filter (where day <= :recent and day > :trailing),
                   sum(line_sum) filter (where day <= :recent and day > :trailing),
                   sum(lines) filter (where day <= :recent and day > :trailing)
            from analytics_funder_daily where tenant_id = :tenant and day <= :today group by funder order by funder""")
        .param("tenant", tenantId).param("today", Date.valueOf(today)).param("recent", Date.valueOf(today.minusDays(7)))
        .param("trailing", Date.valueOf(today.minusDays(35)))
        .query((rs, n) -> {
          Double recent = rs.getLong(4) == 0 ? null : share(rs.getLong(5), rs.getLong(4));
          Double trailing = rs.getLong(8) == 0 ? null : share(rs.getLong(9), rs.getLong(8));
          BigDecimal lineRecent = average(rs.getBigDecimal(6), rs.getLong(7));
          BigDecimal lineTrailing = average(rs.getBigDecimal(10), rs.getLong(11));
          List<String> reasons = new ArrayList<>();
          if (recent != null && trailing != null && trailing > 0 && (trailing - recent) / trailing * 100 > thresholdPercent) {
            reasons.add("approval-rate-drop");
          }
          if (lineRecent != null && lineTrailing != null && lineTrailing.signum() > 0
              && lineTrailing.subtract(lineRecent).doubleValue() / lineTrailing.doubleValue() * 100 > thresholdPercent) {
            reasons.add("credit-line-drop");
          }
          result.add(new FunderQuality(rs.getString(1), rs.getLong(2), share(rs.getLong(3), rs.getLong(2)), recent, trailing,
              lineRecent, lineTrailing, !reasons.isEmpty(), reasons, weeks.getOrDefault(rs.getString(1), List.of())));
          return 1;
        }).list();
    return result;
  }

  private Map<String, BigDecimal> costs(long tenantId, LocalDate from, LocalDate to) {
    Map<String, BigDecimal> costs = new LinkedHashMap<>();
    jdbc.sql("""
            select channel, sum(cost) from analytics_channel_costs
            where tenant_id = :tenant and month between :from and :to group by channel""")
        .param("tenant", tenantId).param("from", Date.valueOf(from.withDayOfMonth(1))).param("to", Date.valueOf(to))
        .query((rs, n) -> costs.put(rs.getString(1), rs.getBigDecimal(2))).list();
    return costs;
  }

  private String column(long tenantId, String milestone) {
    return keys.find(tenantId, milestone).map(i -> "c.firsts[" + i + "]").orElse("null::int");
  }

  private static BigDecimal per(BigDecimal cost, long n) {
    return cost == null || n == 0 ? null : cost.divide(BigDecimal.valueOf(n), 2, RoundingMode.HALF_UP);
  }

  private static BigDecimal average(BigDecimal sum, long n) {
    return sum == null || n == 0 ? null : sum.divide(BigDecimal.valueOf(n), 2, RoundingMode.HALF_UP);
  }

  private static double share(long part, long whole) {
    return whole == 0 ? 0.0 : (double) part / whole;
  }
}
