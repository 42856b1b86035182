/**
 * Platform: the shared kernel every feature module stands on.
 *
 * <p>Owns tenants, console users, API keys, the embedded PostgreSQL used for development and
 * tests, the injected {@link java.time.Clock}, RFC 9457 problem details, the durable job
 * scheduler and the security filter chains. Tables: {@code tenants}, {@code console_users},
 * {@code api_keys}, {@code scheduled_tasks}, {@code event_publication}.
 *
 * <p>Promises: every request reaching a feature module is authenticated and carries exactly one
 * tenant ({@link dev.flywheel.platform.tenancy.CurrentTenant}); client errors leave as problem
 * details with a stable {@code code}.
 */
@org.springframework.modulith.ApplicationModule(
    displayName = "Platform",
    type = org.springframework.modulith.ApplicationModule.Type.OPEN)
package dev.flywheel.platform;
