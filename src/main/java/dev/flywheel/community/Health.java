package dev.flywheel.community;

import java.time.LocalDate;
import java.util.List;

/**
 * How alive a community is.
 *
 * @param members current members
 * @param activeMembers current members who wrote at least once in the last 7 days
 * @param days the last 28 days in the tenant's time zone, oldest first: per day the distinct
 *     members who wrote and their messages
 */
public record Health(int members, int activeMembers, List<Day> days) {

  public record Day(LocalDate day, int writers, int messages) {}

  public int activePercent() {
    return members == 0 ? 0 : (int) Math.round(100.0 * activeMembers / members);
  }
}
