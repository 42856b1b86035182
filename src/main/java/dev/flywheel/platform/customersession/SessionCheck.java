package dev.flywheel.platform.customersession;

import java.time.Instant;

/** What {@link CustomerSessions#verify} found in a token. */
public sealed interface SessionCheck {

  record Valid(CustomerPrincipal customer, Instant expiresAt) implements SessionCheck {}

  /** Signed by us but past its expiry. */
  record Expired(Instant expiredAt) implements SessionCheck {}

  /** Malformed, or its signature does not match: forged or altered. */
  record Invalid(String reason) implements SessionCheck {}
}
