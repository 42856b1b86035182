/**
 * GRAI campaign reviews (seed 000): for an ended campaign, Goals (targets the team sets, the plan's
 * purpose and budget) against Results (measured from the campaign's committed decisions and the
 * ledger budget: participants, grants and units per asset, cost against budget, ROI where a value
 * per conversion is given), and the team's Analysis and Insights. Every save is a new version.
 * Exports as a printable console page and as Markdown.
 *
 * <p>Owns {@code review_versions}. API: {@link dev.flywheel.review.CampaignReviews} and the records
 * it returns. Reads campaigns through {@link dev.flywheel.campaign.Campaigns} and budgets through
 * {@link dev.flywheel.ledger.Ledger}. HTTP: see {@code docs/api/review.md}.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Campaign reviews")
package dev.flywheel.review;
