/**
 * GRAI campaign reviews (seed 000): for an ended campaign, Goals (targets the team sets, the plan's
 * purpose and budget) against Results (measured from the campaign's committed decisions and the
 * ledger budget: participants, grants and units per asset, cost against budget, ROI where a value
 * per conversion is given; points and coupons valued, see docs), new vs existing customers, and
 * the team's Analysis and Insights. Every save is a new version. Exports as a printable console page and as Markdown. Also the weekly reach review of journeys
 * (seed 003): reached, opened, clicked and converted per ISO week, version and copy variant.
 *
 * <p>Owns {@code review_versions}. API: {@link dev.flywheel.review.CampaignReviews} and the records
 * it returns. Reads campaigns through {@link dev.flywheel.campaign.Campaigns} and budgets through
 * {@link dev.flywheel.ledger.Ledger} and {@link dev.flywheel.ledger.Coupons}, customers through
 * {@link dev.flywheel.customer.Customers}, events through {@link dev.flywheel.event.EventHistory},
 * journeys through {@link dev.flywheel.journey.Journeys} ({@link JourneyReachReviews}). HTTP: see
 * {@code docs/api/review.md}.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Campaign reviews")
package dev.flywheel.review;
