package dev.flywheel.platform.security;

import java.time.Instant;

/** An API key as an admin sees it: never the secret, which is shown once at issue. */
public record ApiKey(long id, long tenantId, String name, String prefix, String createdBy,
    Instant createdAt, Instant revokedAt, Instant lastUsedAt) {
  public boolean active() {
    return revokedAt == null;
  }
}
