package dev.flywheel.ledger.budget;

import dev.flywheel.ledger.Asset;
import dev.flywheel.ledger.BudgetExhausted;
import dev.flywheel.ledger.BudgetThresholdReached;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Records and publishes the 80 % and 100 % alerts of a budget, each once per funded level (the
 * alert row's unique key decides; the event is published only by the transaction that inserted
 * it). Reads the remainder without locks, so a grant whose concurrent siblings are still in
 * flight may not see the crossing; the next grant, a refused grant, or the upkeep job's
 * {@link #sweep} then does.
 */
@Component
public class BudgetAlerts {
  private final JdbcClient jdbc;
  private final ApplicationEventPublisher events;

  BudgetAlerts(JdbcClient jdbc, ApplicationEventPublisher events) {
    this.jdbc = jdbc;
    this.events = events;
  }

  /** After a grant: fires whatever thresholds the remainder now crosses. */
  public void check(long budgetId, Instant now) {
    jdbc.sql(STATE + " where b.id = :budget").param("budget", budgetId)
        .query(State::map).optional().ifPresent(s -> fire(s, false, now));
  }

  /**
   * After a refused grant: the budget can no longer pay what its campaign asks, so it counts as
   * exhausted (100 %) whatever crumbs remain.
   */
  public void refused(long budgetId, Instant now) {
    jdbc.sql(STATE + " where b.id = :budget").param("budget", budgetId)
        .query(State::map).optional().ifPresent(s -> fire(s, true, now));
  }

  /**
   * Whether the budget's 100 % alert is recorded at its current funded level (and committed, seen
   * from a transaction started later). An alert recorded after a savepoint its transaction then
   * rolled back to is not: that transaction published {@code BudgetExhausted} all the same.
   */
  public boolean exhausted(long tenantId, long campaignId, Asset asset) {
    return jdbc.sql("""
            select exists (select 1 from ledger_budgets b
                            join ledger_budget_alerts x on x.budget_id = b.id and x.funded = b.funded and x.percent = 100
                           where b.tenant_id = :tenant and b.campaign_id = :campaign and b.asset = :asset)""")
        .param("tenant", tenantId).param("campaign", campaignId).param("asset", asset.name())
        .query(Boolean.class).single();
  }

  /**
   * Fires the alerts of every budget past a threshold without its alert (crossings that
   * concurrent grants hid from each other).
   *
   * @return how many alerts were fired
   */
  public int sweep(Instant now) {
    List<State> due = jdbc.sql("select * from (" + STATE + """
            ) s where s.funded > 0 and ((not s.a80 and s.remaining * 5 <= s.funded) or (not s.a100 and s.remaining = 0))""")
        .query(State::map).list();
    return due.stream().mapToInt(s -> fire(s, false, now)).sum();
  }

  private int fire(State s, boolean refused, Instant now) {
    int fired = 0;
    if (s.funded() <= 0) {
      return fired;
    }
    if (!s.alerted80() && s.remaining() * 5 <= s.funded() && record(s, 80, now)) {
      events.publishEvent(new BudgetThresholdReached(s.tenantId(), s.campaignId(), s.asset(), 80));
      fired++;
    }
    if (!s.alerted100() && (refused || s.remaining() == 0) && record(s, 100, now)) {
      events.publishEvent(new BudgetThresholdReached(s.tenantId(), s.campaignId(), s.asset(), 100));
      events.publishEvent(new BudgetExhausted(s.tenantId(), s.campaignId(), s.asset(), s.remaining()));
      fired++;
    }
    return fired;
  }

  /**
   * Inserts the alert row unless it exists. Never waits: when another transaction is recording the
   * same alert (it holds the advisory lock of the row's key), this one leaves it to that one — a
   * grant holding budget locks must not wait for an alert row (see {@code BudgetStore}'s lock
   * order); if that transaction rolls back, the upkeep's {@link #sweep} fires the alert.
   */
  private boolean record(State s, int percent, Instant now) {
    return jdbc.sql("""
            insert into ledger_budget_alerts (budget_id, percent, funded, remaining, created_at)
            select :budget, :percent, :funded, :remaining, :now
            where pg_try_advisory_xact_lock(5004, (hashtextextended(:budget || '/' || :percent || '/' || :funded, 0) % 2147483647)::int)
            on conflict (budget_id, percent, funded) do nothing""")
        .param("budget", s.budgetId()).param("percent", percent).param("funded", s.funded())
        .param("remaining", s.remaining()).param("now", Timestamp.from(now)).update() == 1;
  }

  private static final String STATE = """
      select b.id, b.tenant_id, b.campaign_id, b.asset, b.funded,
        (select coalesce(sum(balance), 0) from ledger_accounts where budget_id = b.id) as remaining,
        exists (select 1 from ledger_budget_alerts x where x.budget_id = b.id and x.funded = b.funded and x.percent = 80) as a80,
        exists (select 1 from ledger_budget_alerts x where x.budget_id = b.id and x.funded = b.funded and x.percent = 100) as a100
      from ledger_budgets b
      """;

  private record State(long budgetId, long tenantId, long campaignId, Asset asset, long funded, long remaining,
      boolean alerted80, boolean alerted100) {
    static State map(java.sql.ResultSet rs, int n) throws java.sql.SQLException {
      return new State(rs.getLong("id"), rs.getLong("tenant_id"), rs.getLong("campaign_id"),
          Asset.valueOf(rs.getString("asset")), rs.getLong("funded"), rs.getLong("remaining"),
          rs.getBoolean("a80"), rs.getBoolean("a100"));
    }
  }
}
