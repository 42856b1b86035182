package dev.flywheel.reach;

/** A way to reach a customer. {@code consentKey} is the customer-profile consent it needs. */
public enum Channel {
  EMAIL("email"),
  SMS("sms"),
  PUSH("push"),
  /** The in-app inbox, read by the app through {@code GET /api/v1/customers/{id}/inbox}. */
  INBOX(null),
  /** A manual call task queued for an EMPLOYEE user, who records the outcome. */
  PHONE_TASK("phone"),
  ROBOCALL("phone");

  private final String consentKey;

  Channel(String consentKey) {
    this.consentKey = consentKey;
  }

  /** The profile consent this channel needs, or null when none is needed. */
  public String consentKey() {
    return consentKey;
  }
}
