package dev.flywheel.platform.tenancy;

import java.time.Instant;
import java.time.ZoneId;

/** A finance company using Flywheel; all its data carries its id. */
public record Tenant(long id, String slug, String name, ZoneId timeZone, Instant createdAt) {}
