package dev.flywheel.analytics;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/**
 * A goal for a period (UTC days, both inclusive), e.g. June: 1 B yuan of transaction volume, made
 * of 750 M new funding and 250 M maturing repayments to reinvest.
 *
 * @param alertPercent alert when the actual is behind the plan by more than this share
 * @param components what the target is made of (informational; they add up to the target)
 */
public record Goal(long id, String name, Metric metric,
    @JsonProperty("period_start") LocalDate periodStart, @JsonProperty("period_end") LocalDate periodEnd,
    BigDecimal target, @JsonProperty("alert_percent") int alertPercent, List<Component> components,
    @JsonProperty("created_by") String createdBy, @JsonProperty("created_at") Instant createdAt) {

  public record Component(String name, BigDecimal amount) {}

  /** What a goal measures, from the daily rollup of events (UTC days). */
  public enum Metric {
    NEW_CUSTOMERS(false, "registered"),
    NEW_LOANS(false, "drawdown"),
    DRAWDOWN_AMOUNT(true, "drawdown"),
    INVESTMENT_AMOUNT(true, "investment"),
    REPAYMENT_AMOUNT(true, "repayment"),
    TRANSACTION_VOLUME(true, "drawdown", "investment");

    private final boolean amount;
    private final List<String> types;

    Metric(boolean amount, String... types) {
      this.amount = amount;
      this.types = List.of(types);
    }

    public boolean amount() {
      return amount;
    }

    public List<String> types() {
      return types;
    }
  }
}
