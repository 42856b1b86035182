/**
 * Reach: the messages Flywheel sends to customers — e-mail, SMS, push, in-app inbox, phone tasks
 * for employees and robocalls — with templates and copy variants, consent and per-loan-stage
 * channel policy, frequency caps, quiet hours, priority between message categories, best contact
 * time, delivery tracking and tracked links.
 *
 * <p>Owns the tables whose names start with {@code reach_}; every row carries {@code tenant_id}.
 *
 * <p>Promises: a message is sent at most once per {@code (tenant, dedupe key)}, also across
 * restarts and provider retries; caps are enforced in SQL at send time, so concurrent senders
 * cannot exceed them; an opted-out customer is never contacted on that channel; a message that
 * cannot go now (quiet hours, caps) is deferred, and dropped only with a recorded reason.
 *
 * <p>API: {@link dev.flywheel.reach.Reach} and the records it takes and returns; the module events
 * {@link dev.flywheel.reach.MessageStatusChanged} and {@link dev.flywheel.reach.PhoneTaskOutcome}.
 * Sub-packages are internal. HTTP: see {@code docs/api/reach.md}.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Reach")
package dev.flywheel.reach;
