package dev.flywheel.platform.customersession;

import java.time.Instant;

/** A session token for one customer of one tenant, valid until {@code expiresAt}. */
public record IssuedSession(String token, long tenantId, String customerId, Instant expiresAt) {}
