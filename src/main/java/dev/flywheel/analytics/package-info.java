/**
 * Analytics: funnels, retention cohorts, lifecycle distribution and goals with daily pacing,
 * answered from rollups the module keeps itself.
 *
 * <p>Owns the tables {@code analytics_milestone_keys}, {@code analytics_customers} (one row per
 * customer: first and second time of each milestone, breakdown attributes, active weeks/months
 * of the key return events),
 * {@code analytics_activity} (customer active per week/month and type), {@code analytics_daily}
 * (events and amounts per day and type), {@code analytics_lifecycle_daily},
 * {@code analytics_flow_daily} (stage transitions per day) and
 * {@code analytics_goals}, {@code analytics_occurrences} (every time of the recall funnel's event
 * types), {@code analytics_campaign_customers} (campaign activity per customer),
 * {@code analytics_acquisition_prices} (CPA/CPS/fixed), and the funder alert tables
 * ({@code analytics_funder_alert_settings}, {@code analytics_funder_alerts},
 * {@code analytics_funder_alert_mails}). Funder alerts are e-mailed through reach's
 * {@code StaffMail}; reach's sent/delivered messages and the ledger's coupon redemptions are
 * ingested as {@code message_delivered} and {@code coupon_redeemed} events (recall funnel). Rollups follow the {@code event} module's
 * {@code EventAccepted}: queued in the ingestion transaction ({@code analytics_feed}) and written
 * right after its commit, exactly once; every question first catches its tenant up
 * ({@link dev.flywheel.analytics.Rollups#catchUp}); stage counters are written in the transaction. A rebuild
 * ({@link dev.flywheel.analytics.Rollups#rebuild}) streams the tenant's events customer by
 * customer through {@code EventHistory.forEachByCustomer}. It reads no other module's tables.
 *
 * <p>Public API: {@link dev.flywheel.analytics.Funnels}, {@link dev.flywheel.analytics.Retention},
 * {@link dev.flywheel.analytics.Flows},
 * {@link dev.flywheel.analytics.Goals}, {@link dev.flywheel.analytics.Rollups},
 * {@link dev.flywheel.analytics.Recall}, {@link dev.flywheel.analytics.CampaignActivity},
 * {@link dev.flywheel.analytics.Quality}, {@link dev.flywheel.analytics.AcquisitionPrices},
 * {@link dev.flywheel.analytics.FunderAlerts}. Sub-packages are
 * internal. Semantics and error codes: {@code docs/api/analytics.md}.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Analytics")
package dev.flywheel.analytics;
