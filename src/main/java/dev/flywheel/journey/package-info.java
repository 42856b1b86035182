/**
 * Journeys: multi-step flows that a customer enters on a trigger (an event, a segment entry, a
 * loan-stage or lifecycle transition, a schedule) and walks step by step — send, wait (a duration
 * or until an event, with a timeout), branch (a CEL condition or a sticky weighted split), phone
 * task, grant, tag, exit — until the goal event, an exit step or the end.
 *
 * <p>Owns the tables whose names start with {@code journey}; every row carries {@code tenant_id}.
 *
 * <p>Promises: journeys are versioned and a run finishes on the version it entered; each step
 * runs in one transaction with the run's state change, resumed by db-scheduler tasks with
 * deterministic ids ({@code journey-run-<runId>-step-<seq>}), so a restart loses no step and
 * runs none twice (sends carry the dedupe key {@code journey-run-<runId>-step-<seq>}, grants the
 * key {@code (campaign, journey-<id>-<stepKey>, journey-run-<runId>)}). Waits for an event are
 * resumed in the ingestion transaction of that event.
 *
 * <p>API: {@link dev.flywheel.journey.Journeys} and the records it takes and returns.
 * Sub-packages are internal. HTTP: see {@code docs/api/journeys.md}.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Journey")
package dev.flywheel.journey;
