/**
 * Campaigns: plans with the fields of seed 000, activity templates (seeds 000 and 003), rules in
 * CEL compiled and type-checked when saved, versions with maker-checker approval, an audit trail,
 * and a clock that starts and ends campaigns (db-scheduler tasks {@code campaign-<id>-start|end}).
 *
 * <p>Tables: {@code campaigns}, {@code campaign_versions}, {@code campaign_audit}, and for the
 * evaluation {@code campaign_decisions} (explanations + committed effects per event and campaign),
 * {@code campaign_cap_counters}, {@code campaign_signals} (outbox).
 *
 * <p>API for other modules: {@link dev.flywheel.campaign.Campaigns} (changes return a sealed
 * {@link dev.flywheel.campaign.CampaignResult}; {@code listeningTo(tenant, eventType)} gives the
 * compiled {@link dev.flywheel.campaign.ActiveCampaign}s for the evaluator),
 * {@link dev.flywheel.campaign.CampaignTemplates}, and the pure
 * {@link dev.flywheel.campaign.RuleProgram#evaluate} from {@link dev.flywheel.campaign.Activation}
 * to {@link dev.flywheel.campaign.Decision}. Sub-packages are internal: {@code store} (SQL),
 * {@code template} (the templates), {@code schedule} (db-scheduler tasks), {@code web}
 * (controllers), {@code evaluation} (the listener that meets {@code EventAccepted} with running
 * campaigns in the ingestion transaction: caps, stacking, grants via the ledger, tags via the
 * customer module, signals, decisions; implements the event module's {@code EventEffects}).
 *
 * <p>Promises: a refused change writes nothing; every change is audited in its own transaction;
 * a pending version never serves; an approver never approves or rejects a version they wrote or
 * submitted. Evaluation: exactly once per (campaign, rule, source event) (the ledger's key); never
 * over a per-customer cap (SQL counters) or budget (the ledger); an approval funds the budget; an
 * exhausted budget pauses the campaign after commit (actor {@code budget}). See
 * {@code docs/api/evaluation.md}. Dry run ({@link dev.flywheel.campaign.Campaigns#dryRun}): a plan
 * replayed in memory over a past window of stored events (the same compiled rules, counters,
 * audience and caps as live; budget not enforced, its run-out day reported); writes nothing.
 * {@link dev.flywheel.campaign.Campaigns#check} answers what {@code update} would, read-only.
 *
 * <p>Error codes: see {@code docs/api/campaigns.md}.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Campaigns")
package dev.flywheel.campaign;
