package dev.flywheel.analytics.rollup;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The analytics feed's lag for monitoring (all tenants, read when scraped):
 * {@code flywheel.analytics.feed.batches} by {@code state} ({@code queued}: waiting for their
 * rollups; {@code failed}: gave up after {@link RollupFeed#MAX_ATTEMPTS} attempts),
 * {@code flywheel.analytics.feed.events} (queued), and {@code flywheel.analytics.feed.oldest}
 * (seconds the oldest queued batch has waited; 0 when none). Alert on a failed batch, or on an
 * oldest age that keeps growing.
 */
@Component
class FeedMetrics {
  FeedMetrics(MeterRegistry registry, JdbcClient jdbc) {
    Gauge.builder("flywheel.analytics.feed.batches", () -> count(jdbc, "count(*) filter (where attempts < :max)"))
        .tag("state", "queued").description("Accepted batches whose analytics rollups are not written yet")
        .register(registry);
    Gauge.builder("flywheel.analytics.feed.batches", () -> count(jdbc, "count(*) filter (where attempts >= :max)"))
        .tag("state", "failed").description("Batches whose rollups failed and are kept with their error")
        .register(registry);
    Gauge.builder("flywheel.analytics.feed.events",
            () -> count(jdbc, "coalesce(sum(cardinality(seqs)) filter (where attempts < :max), 0)"))
        .description("Accepted events whose analytics rollups are not written yet").register(registry);
    Gauge.builder("flywheel.analytics.feed.oldest", () -> count(jdbc,
            "coalesce(extract(epoch from now() - min(queued_at) filter (where attempts < :max)), 0)"))
        .baseUnit("seconds").description("How long the oldest queued batch has waited for its rollups")
        .register(registry);
  }

  private static double count(JdbcClient jdbc, String aggregate) {
    return jdbc.sql("select " + aggregate + " from analytics_feed").param("max", RollupFeed.MAX_ATTEMPTS)
        .query(Double.class).single();
  }
}
