package dev.flywheel.ledger;

/**
 * Module event: a campaign's budget for an asset is used up (nothing left, or a grant was refused
 * for lack of budget). Published once per funded level; the campaign module pauses the campaign.
 */
public record BudgetExhausted(long tenantId, long campaignId, Asset asset, long remaining) {}
