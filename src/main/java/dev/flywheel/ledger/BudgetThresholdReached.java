package dev.flywheel.ledger;

/**
 * Module event: a campaign's budget for an asset has been {@code percent} (80 or 100) consumed.
 * Published once per threshold and funded level (a top-up re-arms it), in the transaction of the
 * grant that observed it (or of the ledger job that caught a crossing concurrent grants hid).
 */
public record BudgetThresholdReached(long tenantId, long campaignId, Asset asset, int percent) {}
