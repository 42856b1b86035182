package dev.flywheel.community;

import java.time.LocalDate;

/**
 * A community's week (Monday to Sunday in the tenant's zone); definitions in
 * {@code docs/api/community.md} ("Weekly report").
 *
 * @param postsMade outbound posts in the week, every kind
 * @param gameRounds distinct game rounds posted (GAME posts, counted once per reference)
 * @param members members in the community at any time of the week
 * @param participants distinct members who wrote in the chat in the week
 * @param productsPlaced PRODUCT posts plus AUTO posts of PRODUCT_INFO / PROMOTION slots
 * @param conversions members with an {@code investment} or {@code drawdown} event within
 *     {@link #CONVERSION_DAYS} days after a product placement of the week
 */
public record WeeklyReport(long communityId, LocalDate weekStart, int postsMade, int gameRounds, int members,
    int participants, int productsPlaced, int conversions, int slots, int slotsDone, int slotsOverdue) {
  public static final int CONVERSION_DAYS = 7;

  /** participants / members, 0 without members */
  public double participation() {
    return members == 0 ? 0 : (double) participants / members;
  }
}
