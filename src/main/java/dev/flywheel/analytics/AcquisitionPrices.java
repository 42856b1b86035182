package dev.flywheel.analytics;

import dev.flywheel.analytics.rollup.RollupFeed;
import com.fasterxml.jackson.annotation.JsonProperty;
import dev.flywheel.analytics.rollup.MilestoneKeys;
import dev.flywheel.platform.web.FieldIssue;
import dev.flywheel.platform.web.Problem;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.sql.Date;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * What acquisition costs per channel and period: {@code CPA} a price per registered customer
 * (the channel's customers whose first {@code registered} falls in the period), {@code CPS} a
 * price per funded customer (first {@code drawdown} in the period), {@code FIXED} a lump sum for
 * the period (prorated by days when a report covers part of it). Periods of one channel and model
 * never overlap. Thread-safe.
 */
@Service
public class AcquisitionPrices {
  public enum Model { CPA, CPS, FIXED }

  public record Price(long id, String channel, Model model, @JsonProperty("period_start") LocalDate periodStart,
      @JsonProperty("period_end") LocalDate periodEnd, BigDecimal price, @JsonProperty("created_by") String createdBy) {}

  private final JdbcClient jdbc;
  private final MilestoneKeys keys;
  private final Clock clock;
  private final RollupFeed feed;

  AcquisitionPrices(JdbcClient jdbc, MilestoneKeys keys, Clock clock, RollupFeed feed) {
    this.feed = feed;
    this.jdbc = jdbc;
    this.keys = keys;
    this.clock = clock;
  }

  /**
   * @throws Problem 422 {@code invalid-channel}, {@code invalid-model}, {@code invalid-period},
   *     {@code invalid-amount}, or {@code overlapping-period} when the channel already has a price
   *     of this model for part of the period
   */
  @Transactional
  public Price save(long tenantId, String channel, String model, LocalDate start, LocalDate end, BigDecimal price,
      String actor) {
    List<FieldIssue> issues = new ArrayList<>();
    if (channel == null || channel.isBlank() || channel.length() > 64) {
      issues.add(new FieldIssue("channel", "invalid-channel", "1 to 64 characters"));
    }
    Model m = model(model, issues);
    if (start == null || end == null || end.isBefore(start)) {
      issues.add(new FieldIssue("period_end", "invalid-period", "period_start on or before period_end"));
    }
    if (price == null || price.signum() < 0 || price.scale() > 2) {
      issues.add(new FieldIssue("price", "invalid-amount", "a non-negative amount with at most 2 decimals"));
    }
    if (!issues.isEmpty()) {
      throw Problem.invalid(issues.getFirst().code(), "The acquisition price is invalid", issues);
    }
    jdbc.sql("select pg_advisory_xact_lock(1040, cast(:tenant as int))").param("tenant", tenantId).query((rs, n) -> 1).list();
    long id = jdbc.sql("""
            insert into analytics_acquisition_prices (tenant_id, channel, model, period_start, period_end, price,
                                                      created_by, created_at)
            select :tenant, :channel, :model, :start, :end, :price, :actor, :now
            where not exists (select 1 from analytics_acquisition_prices p where p.tenant_id = :tenant
                              and p.channel = :channel and p.model = :model
                              and p.period_start <= :end and p.period_end >= :start)
            returning id""")
        .param("tenant", tenantId).param("channel", channel).param("model", m.name()).param("start", Date.valueOf(start))
        .param("end", Date.valueOf(end)).param("price", price).param("actor", actor)
        .param("now", Timestamp.from(clock.instant())).query(Long.class).optional()
        .orElseThrow(() -> Problem.invalid("overlapping-period", "The channel already has a " + m + " price in this period",
            List.of(new FieldIssue("period_start", "overlapping-period", "no other " + m + " price of " + channel
                + " between " + start + " and " + end))));
    return new Price(id, channel, m, start, end, price, actor);
  }

  public List<Price> list(long tenantId) {
    return jdbc.sql("""
            select id, channel, model, period_start, period_end, price, created_by from analytics_acquisition_prices
            where tenant_id = :tenant order by channel, period_start, model""")
        .param("tenant", tenantId).query((rs, n) -> new Price(rs.getLong(1), rs.getString(2), Model.valueOf(rs.getString(3)),
            rs.getDate(4).toLocalDate(), rs.getDate(5).toLocalDate(), rs.getBigDecimal(6), rs.getString(7))).list();
  }

  /** @return whether a price was deleted */
  public boolean delete(long tenantId, long id) {
    return jdbc.sql("delete from analytics_acquisition_prices where tenant_id = :tenant and id = :id")
        .param("tenant", tenantId).param("id", id).update() > 0;
  }

  /** The acquisition cost per channel over {@code [from, to]} (days, UTC) from the prices entered. */
  public Map<String, BigDecimal> costs(long tenantId, LocalDate from, LocalDate to) {
    feed.catchUp(tenantId);
    Map<String, BigDecimal> costs = new LinkedHashMap<>();
    String registered = column(tenantId, "registered");
    String funded = column(tenantId, "drawdown");
    jdbc.sql("""
            select p.channel, p.model, p.price, greatest(p.period_start, :from) as s, least(p.period_end, :to) as e,
                   p.period_end - p.period_start + 1 as days,
                   (select count(*) from analytics_customers c where c.tenant_id = :tenant and c.channel = p.channel
                      and (case p.model when 'CPA' then %1$s else %2$s end)
                          >= extract(epoch from greatest(p.period_start, :from)::timestamp - timestamp '2020-01-01')
                      and (case p.model when 'CPA' then %1$s else %2$s end)
                          < extract(epoch from least(p.period_end, :to)::timestamp + interval '1 day' - timestamp '2020-01-01')
                   ) as units
            from analytics_acquisition_prices p
            where p.tenant_id = :tenant and p.period_start <= :to and p.period_end >= :from""".formatted(registered, funded))
        .param("tenant", tenantId).param("from", Date.valueOf(from)).param("to", Date.valueOf(to))
        .query((rs, n) -> {
          Model model = Model.valueOf(rs.getString(2));
          BigDecimal price = rs.getBigDecimal(3);
          long overlap = ChronoUnit.DAYS.between(rs.getDate(4).toLocalDate(), rs.getDate(5).toLocalDate()) + 1;
          BigDecimal cost = model == Model.FIXED
              ? price.multiply(BigDecimal.valueOf(overlap)).divide(BigDecimal.valueOf(rs.getLong(6)), 2, RoundingMode.HALF_UP)
              : price.multiply(BigDecimal.valueOf(rs.getLong(7)));
          return costs.merge(rs.getString(1), cost, BigDecimal::add);
        }).list();
    return costs;
  }

  private static Model model(String value, List<FieldIssue> issues) {
    try {
      return Model.valueOf(value == null ? "" : value.trim().toUpperCase(java.util.Locale.ROOT));
    } catch (IllegalArgumentException e) {
      issues.add(new FieldIssue("model", "invalid-model", "one of CPA, CPS, FIXED"));
      return null;
    }
  }

  private String column(long tenantId, String milestone) {
    return keys.find(tenantId, milestone).map(i -> "c.firsts[" + i + "]").orElse("null::int");
  }
}
