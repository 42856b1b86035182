package dev.flywheel.fission;

import dev.flywheel.ledger.Asset;
import java.time.Instant;
import java.util.List;

/**
 * A fission activity as configured. {@code reward}: a ledger asset and amount per completed task
 * (a coupon template for {@link Asset#COUPON}); {@code maxRewards} bounds the funded budget.
 */
public record Activity(
    long id,
    long tenantId,
    String name,
    String rules,
    Instant startsAt,
    Instant endsAt,
    int helpersNeeded,
    boolean newCustomersOnly,
    boolean oneTaskPerHelper,
    Asset rewardAsset,
    long rewardAmount,
    Long rewardCouponTemplate,
    Long rewardCatalogItem,
    int maxRewards,
    boolean hasPoster,
    QrArea qrArea,
    String employeeScript,
    String customerScript,
    String employeeOrgUnit,
    List<String> recommendTags,
    Long recommendSegmentId,
    Integer remindBeforeMinutes,
    LiveCodeStrategy liveCodeStrategy,
    int inviteTtlSeconds,
    int deviceFlagThreshold,
    List<Acquirer> acquirers,
    Instant createdAt) {

  /** Where the personal QR code goes on the poster (pixels from the top-left corner). */
  public record QrArea(int x, int y, int size) {}

  /** An employee behind the live code, with the welcome message a new customer sees. */
  public record Acquirer(long userId, String welcome) {}

  public enum LiveCodeStrategy { ROUND_ROBIN, LEAST_LOADED }

  /** The state a customer sees at {@code now}. */
  public Phase phase(Instant now) {
    if (now.isBefore(startsAt)) {
      return Phase.BEFORE_START;
    }
    return now.isBefore(endsAt) ? Phase.RUNNING : Phase.ENDED;
  }

  public enum Phase { BEFORE_START, RUNNING, ENDED }

  /** The owner type of activities' budgets in the ledger ({@code Ledger.budgetKey(tenant, BUDGET_OWNER, id)}). */
  public static final String BUDGET_OWNER = "fission-activity";
}
