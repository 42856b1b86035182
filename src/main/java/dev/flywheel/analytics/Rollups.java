package dev.flywheel.analytics;

import dev.flywheel.analytics.rollup.RollupFeed;
import dev.flywheel.analytics.rollup.LiveSwitch;
import dev.flywheel.analytics.rollup.Rebuild;
import org.springframework.stereotype.Service;

/**
 * Operations on the analytics rollups: rebuild a tenant's from the event history (backfill, or
 * after a pause), and pause/resume live maintenance (a bulk import can run paused and rebuild
 * once after). A rebuild clears the tenant's event rollups and reads its stored events in
 * customer order, each customer's rows computed in memory and written once (a multi-row upsert
 * per chunk of about 20,000 events), the daily counts once at the end. It may run while the
 * tenant ingests: every event ends up counted exactly once, daily counts included (an event is
 * either in the rebuild's snapshot or applied live after it; see
 * {@code dev.flywheel.analytics.rollup.Rebuild}). While it runs, the rollups are incomplete.
 */
@Service
public class Rollups {
  private final Rebuild rebuild;
  private final LiveSwitch live;
  private final RollupFeed feed;

  Rollups(Rebuild rebuild, LiveSwitch live, RollupFeed feed) {
    this.feed = feed;
    this.rebuild = rebuild;
    this.live = live;
  }

  /** Rebuilds one tenant's rollups; returns the number of events read. */
  public long rebuild(long tenantId) {
    return rebuild.run(tenantId);
  }

  /**
   * Writes the tenant's queued rollups now (every analytics question does this first): afterwards
   * they hold every event committed before the call.
   */
  public void catchUp(long tenantId) {
    feed.catchUp(tenantId);
  }

  /** Rows and events of the tenant still queued for the rollups, and rows that failed. */
  public RollupFeed.Backlog backlog(long tenantId) {
    return feed.backlog(tenantId);
  }

  /** Whether accepted events update the rollups as they arrive. */
  public boolean live() {
    return live.live();
  }

  public void setLive(boolean on) {
    live.set(on);
  }
}
