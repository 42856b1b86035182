/**
 * Customers: profiles, tags, attributes, consent, acquisition channel, and the two stages derived
 * from behaviour events — the loan stage (seed 002) and the lifecycle stage (seed 003) — plus
 * segments (saved CEL audiences).
 *
 * <p>Owns the tables {@code customers}, {@code customer_consents}, {@code customer_stage_history},
 * {@code lifecycle_settings} and {@code segments}; every row carries {@code tenant_id} and every
 * query is scoped by it.
 *
 * <p>Public API: {@link dev.flywheel.customer.Customers} (profiles and stage reads for the
 * console), {@link dev.flywheel.customer.Segments} (audiences for campaigns and journeys),
 * {@link dev.flywheel.customer.Masking}, and the module events
 * {@link dev.flywheel.customer.LoanStageChanged} and {@link dev.flywheel.customer.LifecycleStageChanged},
 * published synchronously in the transaction that made the change.
 *
 * <p>Promises: stages follow the {@code event} module's {@code EventAccepted} in the ingestion
 * transaction (batched, written just before commit); a customer never exists in another tenant's
 * view.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Customers")
package dev.flywheel.customer;
