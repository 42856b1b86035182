package dev.flywheel.analytics.rollup;

import java.time.LocalDate;
import java.util.List;

/**
 * The key return events of retention whose active weeks and months are kept in the customer row
 * ({@code analytics_customers.return_weeks/return_months}), so a retention question over them is
 * one scan of the customer rows with no join. Each has a fixed slot (append only, never
 * renumbered: stored values depend on it; migration V10_2 back-fills with the same slots).
 * A period is stored as {@code slot * SPAN + period number}.
 */
public final class ReturnEvents {
  public static final int SPAN = 100_000;
  private static final List<String> SLOTS = List.of("app_login", "drawdown", "repayment", "investment");

  private ReturnEvents() {}

  /** The slot (≥ 1) of a key return event, or 0 when its periods are only in {@code analytics_activity}. */
  public static int slot(String type) {
    return SLOTS.indexOf(type) + 1;
  }

  static int week(int slot, LocalDate day) {
    return slot * SPAN + Periods.week(day);
  }

  static int month(int slot, LocalDate day) {
    return slot * SPAN + Periods.month(day);
  }
}
