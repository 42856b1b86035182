package dev.flywheel.community;

import java.time.Instant;

/** A customer in a community's chat. */
public record Member(String customerId, String displayName, Instant joinedAt) {}
