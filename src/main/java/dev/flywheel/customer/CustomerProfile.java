package dev.flywheel.customer;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

/**
 * A customer as the console and other modules see it. {@code name}, {@code phone} and
 * {@code email} are raw: show them through {@link #displayNameMasked()} / {@link #phoneMasked()} /
 * {@link #emailMasked()}.
 *
 * @param invitedBy who invited the customer (from their registration event), or null
 * @param email the customer's e-mail address (reach's e-mail channel), or null
 * @param consent per channel ({@code sms}, {@code push}, {@code email}, {@code phone}); a channel
 *     never set is granted (implied at registration; an explicit opt-out always wins)
 */
public record CustomerProfile(
    long tenantId,
    String id,
    String name,
    String phone,
    LocalDate birthday,
    String city,
    String riskLevel,
    String assetTier,
    Map<String, Object> attributes,
    List<String> tags,
    String acquisitionChannel,
    Instant acquiredAt,
    Instant registeredAt,
    String registeredPlatform,
    Map<String, Consent> consent,
    Loan loan,
    Lifecycle lifecycle,
    Instant createdAt,
    Instant updatedAt,
    String invitedBy,
    String email) {

  /** The profile without an e-mail address (the shape before e-mail was added). */
  public CustomerProfile(long tenantId, String id, String name, String phone, LocalDate birthday,
      String city, String riskLevel, String assetTier, Map<String, Object> attributes,
      List<String> tags, String acquisitionChannel, Instant acquiredAt, Instant registeredAt,
      String registeredPlatform, Map<String, Consent> consent, Loan loan, Lifecycle lifecycle,
      Instant createdAt, Instant updatedAt, String invitedBy) {
    this(tenantId, id, name, phone, birthday, city, riskLevel, assetTier, attributes, tags,
        acquisitionChannel, acquiredAt, registeredAt, registeredPlatform, consent, loan, lifecycle,
        createdAt, updatedAt, invitedBy, null);
  }

  public String displayNameMasked() {
    return Masking.name(name);
  }

  public String phoneMasked() {
    return Masking.phone(phone);
  }

  public String emailMasked() {
    return Masking.email(email);
  }

  /** Consent for one channel; {@code optedOutAt} is the time of the latest opt-out. */
  public record Consent(boolean granted, Instant optedOutAt, Instant updatedAt) {}

  /**
   * Loan-funnel position.
   *
   * @param enteredAt occurrence time of the event that entered the stage; null while the stage
   *     is only implied (a profile created before any stage event)
   * @param h5Only registered on H5 and never logged into the app
   */
  public record Loan(LoanStage stage, Instant enteredAt, boolean h5Only, String applicationStep,
      String funder, BigDecimal creditLine, Integer overdueDays) {}

  /** Engagement position; {@code activeDays} counts distinct UTC days with activity. */
  public record Lifecycle(LifecycleStage stage, Instant enteredAt, Instant lastActiveAt,
      int activeDays, Instant recalledAt) {}
}
