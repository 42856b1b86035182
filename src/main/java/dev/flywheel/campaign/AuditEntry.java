package dev.flywheel.campaign;

import java.time.Instant;
import java.util.Map;

/**
 * One change to a campaign. Actions: {@code created}, {@code updated}, {@code submitted},
 * {@code approved}, {@code rejected}, {@code started}, {@code paused}, {@code resumed},
 * {@code ended}. {@code before}/{@code after} hold status, version numbers and the newest plan;
 * {@code before} is null for {@code created}. Actor {@code clock} means the scheduler.
 */
public record AuditEntry(Instant at, String actor, String action, Integer version, String comment,
    Map<String, Object> before, Map<String, Object> after) {}
