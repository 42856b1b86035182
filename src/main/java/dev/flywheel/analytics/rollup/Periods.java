package dev.flywheel.analytics.rollup;

import java.time.LocalDate;
import java.time.temporal.ChronoUnit;

/** Period numbers of the activity rollup: weeks since Monday 2019-12-30, months since January 2020 (UTC days). */
public final class Periods {
  public static final LocalDate FIRST_MONDAY = LocalDate.of(2019, 12, 30);
  public static final LocalDate FIRST_MONTH = LocalDate.of(2020, 1, 1);

  private Periods() {}

  public static int week(LocalDate day) {
    return (int) Math.floorDiv(ChronoUnit.DAYS.between(FIRST_MONDAY, day), 7);
  }

  public static int month(LocalDate day) {
    return (day.getYear() - 2020) * 12 + day.getMonthValue() - 1;
  }

  public static LocalDate weekStart(int week) {
    return FIRST_MONDAY.plusWeeks(week);
  }

  public static LocalDate monthStart(int month) {
    return FIRST_MONTH.plusMonths(month);
  }
}
