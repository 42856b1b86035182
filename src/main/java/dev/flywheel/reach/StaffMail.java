package dev.flywheel.reach;

/**
 * Internal e-mail to a console user (an employee, an approver) through the tenant's e-mail set-up:
 * its SMTP provider, else the application's {@code spring.mail.*} server — the same route reach
 * delivery uses for customers. Not a customer message: no consent, caps or quiet hours, no
 * tracking. Sends synchronously; call it outside a database transaction. The caller records the
 * outcome and keeps it to once.
 */
public interface StaffMail {

  /**
   * Sends one plain-text, UTF-8 e-mail.
   *
   * @param reference the caller's stable id of this e-mail: {@code Message-ID} is
   *     {@code <staff-<reference>@<sender domain>>}, so a mail system can drop a repeat
   */
  Outcome send(long tenantId, String to, String subject, String body, String reference);

  /** What happened to one e-mail. */
  sealed interface Outcome {
    /** Accepted by the SMTP server. */
    record Sent(String provider, String messageId) implements Outcome {}

    /**
     * Not sent: {@code email-not-configured}, {@code no-address}, {@code rejected-by-provider},
     * {@code smtp-authentication-failed}, {@code invalid-message} or {@code provider-unavailable}.
     */
    record NotSent(String reason, String detail) implements Outcome {}
  }
}
