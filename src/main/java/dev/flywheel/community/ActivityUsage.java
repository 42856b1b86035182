package dev.flywheel.community;

/**
 * How a library activity did across its runs (exports whose start has passed); ranking in
 * {@code docs/api/community.md} ("Ranking").
 *
 * @param timesUsed exports, including those still to run
 * @param communities distinct communities it was exported to
 * @param runs exports whose start has passed
 * @param participation mean over runs of participants / members at the start
 * @param conversionRate mean over runs of converted members / members at the start
 * @param conversions converted members summed over runs
 * @param score participation + 2 × conversion rate
 */
public record ActivityUsage(long activityId, String title, String theme, int currentVersion, int timesUsed,
    int communities, int runs, double participation, double conversionRate, int conversions, double score) {}
