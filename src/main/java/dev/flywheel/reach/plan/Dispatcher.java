package dev.flywheel.reach.plan;

import dev.flywheel.platform.tenancy.Tenant;
import dev.flywheel.platform.tenancy.Tenants;
import dev.flywheel.reach.ContactPolicy;
import dev.flywheel.reach.policy.PolicyStore;
import java.time.Clock;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Sends what is due: finds the customers of the oldest due messages (an index scan of the due
 * index, {@code batchSize} customers at a time) and decides each customer in a transaction of its own: take the customer's dispatch lock
 * (skip the customer when another dispatcher holds it), take their due messages with
 * {@code FOR UPDATE SKIP LOCKED}, and let {@link CustomerDispatch} decide, hand-over to delivery
 * included. Several nodes and threads share the work; a failure (e.g. delivery's write) rolls back
 * that customer only, whose messages then back off ({@link DispatchFailures}: deferred with reason
 * {@code dispatch-failed} for 1, 2, 4 … minutes, dropped after 8 failures) instead of being
 * retried every round. Restart-safe: a message leaves
 * PLANNED/DEFERRED only by a conditional update in the transaction that hands it over, so none is
 * handed over twice.
 */
@Service
public class Dispatcher {
  private static final Logger log = LoggerFactory.getLogger(Dispatcher.class);
  static final int BATCH = 200;
  private final JdbcClient jdbc;
  private final TransactionTemplate transactions;
  private final MessageRows rows;
  private final Touches touches;
  private final CustomerDispatch customers;
  private final DispatchFailures failures;
  private final PolicyStore policies;
  private final Tenants tenants;
  private final Clock clock;

  Dispatcher(JdbcClient jdbc, TransactionTemplate transactions, MessageRows rows, Touches touches,
      CustomerDispatch customers, DispatchFailures failures, PolicyStore policies, Tenants tenants, Clock clock) {
    this.jdbc = jdbc;
    this.transactions = transactions;
    this.rows = rows;
    this.touches = touches;
    this.customers = customers;
    this.failures = failures;
    this.policies = policies;
    this.tenants = tenants;
    this.clock = clock;
  }

  /** Runs rounds until nothing due is left (or only locked or failing customers are); returns messages handed over. */
  public int dispatchDue() {
    return dispatchDue(BATCH);
  }

  /** As {@link #dispatchDue()} with {@code batchSize} customers per round. */
  public int dispatchDue(int batchSize) {
    int total = 0;
    while (true) {
      Instant now = clock.instant();
      List<Map.Entry<Long, String>> due = jdbc.sql("""
              select tenant_id, customer_id from (
                select tenant_id, customer_id, planned_at from reach_messages
                where status in ('PLANNED', 'DEFERRED') and planned_at <= :now
                order by planned_at limit :messages) oldest
              group by tenant_id, customer_id order by min(planned_at) limit :batch""")
          .param("now", MessageRows.ts(now)).param("messages", batchSize * 5).param("batch", batchSize)
          .query((rs, n) -> Map.entry(rs.getLong(1), rs.getString(2))).list();
      Map<Long, Tenant> tenantCache = new HashMap<>();
      int decided = 0;
      for (Map.Entry<Long, String> customer : due) {
        try {
          int[] result = transactions.execute(status -> customer(customer.getKey(), customer.getValue(), now,
              tenantCache));
          total += result[0];
          decided += result[1];
        } catch (RuntimeException e) {
          log.warn("Dispatch of customer {} (tenant {}) failed; their messages back off", customer.getValue(),
              customer.getKey(), e);
          backOff(customer.getKey(), customer.getValue(), now);
        }
      }
      if (due.size() < batchSize || decided == 0) {
        return total;
      }
    }
  }

  private void backOff(long tenantId, String customerId, Instant now) {
    try {
      transactions.executeWithoutResult(status -> failures.backOff(tenantId, customerId, now));
    } catch (RuntimeException e) {
      log.warn("Could not back off customer {} (tenant {}); their messages stay due", customerId, tenantId, e);
    }
  }

  /** One customer: {handed over, decided}. */
  private int[] customer(long tenantId, String customerId, Instant now, Map<Long, Tenant> tenantCache) {
    if (!touches.lock(tenantId, customerId)) {
      return new int[2];
    }
    List<MessageRows.Row> due = rows.dueFor(tenantId, customerId, now);
    if (due.isEmpty()) {
      return new int[2];
    }
    Tenant tenant = tenantCache.computeIfAbsent(tenantId, id -> tenants.find(id).orElseThrow());
    ContactPolicy policy = policies.find(tenantId);
    return new int[] {customers.run(tenant, policy, customerId, due, now), due.size()};
  }
}
