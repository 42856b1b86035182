/**
 * Fission: invite-and-assist activities (seed 004). An operator configures an activity without
 * code (window, rules, poster with a reserved QR area, scripts, the number of helpers N, the
 * reward, the live code's employees, participating employees, reminders, recommended customers);
 * a customer starts a task and shares a personal poster whose QR carries a signed, expiring
 * invite; helpers help; at N the customer redeems the reward (a ledger grant, exactly once).
 *
 * <p>Tables: {@code fission_activities}, {@code fission_employees}, {@code fission_acquirers},
 * {@code fission_contacts}, {@code fission_tasks}, {@code fission_helps},
 * {@code fission_notifications}.
 *
 * <p>Promises kept by PostgreSQL: a task never counts past N (conditional update + check
 * constraint), a customer helps a task at most once and, by setting, one task per activity
 * (unique keys), one task per customer per activity, one redemption per task (row lock + ledger
 * idempotency). A refused help writes nothing.
 *
 * <p>API: {@link dev.flywheel.fission.Activities}, {@link dev.flywheel.fission.Tasks},
 * {@link dev.flywheel.fission.Helps}, {@link dev.flywheel.fission.Redemptions},
 * {@link dev.flywheel.fission.Results}. Sub-packages are internal: {@code store} (SQL),
 * {@code poster} (ZXing + java.awt), {@code web} (API, customer endpoints, SSE, H5 pages).
 * HTTP: {@code docs/api/fission.md}.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Fission")
package dev.flywheel.fission;
