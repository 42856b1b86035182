/**
 * Experiments: A/B(/n) tests on landing pages, message copy, journey branches and campaign
 * variants. Variants carry weights summing to 100 %; a customer's variant is a hash of tenant,
 * experiment and customer (sticky, the same on every node and after restarts); exposures are
 * recorded once per customer; a primary and guardrail metrics are event types counted once per
 * exposed customer after the exposure, maintained from {@link dev.flywheel.event.EventAccepted}
 * in the ingestion transaction. Results carry a two-proportion z-test, confidence intervals and a
 * sample-ratio-mismatch check (Apache Commons Math). Stopping needs a request and a different
 * approver's sign-off.
 *
 * <p>Owns {@code experiment_experiments}, {@code experiment_variants}, {@code experiment_exposures},
 * {@code experiment_conversions}. API: {@link dev.flywheel.experiment.Experiments},
 * {@link dev.flywheel.experiment.ExperimentStats} and the records they return. HTTP: see
 * {@code docs/api/experiments.md}.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Experiments")
package dev.flywheel.experiment;
