package dev.flywheel.reach.plan;

import dev.flywheel.platform.tenancy.Tenant;
import dev.flywheel.platform.tenancy.Tenants;
import dev.flywheel.reach.ContactPolicy;
import dev.flywheel.reach.policy.PolicyStore;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Sends what is due: takes due messages in batches with {@code FOR UPDATE SKIP LOCKED} (so several
 * nodes and threads share the work), groups them by customer, takes the customer's dispatch lock
 * and lets {@link CustomerDispatch} decide, hand-over to delivery included, in the batch's
 * transaction. Restart-safe: a crash rolls the batch back; a message leaves PLANNED/DEFERRED only
 * by a conditional update, so none is handed over twice.
 */
@Service
public class Dispatcher {
  static final int BATCH = 200;
  private final JdbcClient jdbc;
  private final TransactionTemplate transactions;
  private final MessageRows rows;
  private final Touches touches;
  private final CustomerDispatch customers;
  private final PolicyStore policies;
  private final Tenants tenants;
  private final Clock clock;

  Dispatcher(JdbcClient jdbc, TransactionTemplate transactions, MessageRows rows, Touches touches,
      CustomerDispatch customers, PolicyStore policies, Tenants tenants, Clock clock) {
    this.jdbc = jdbc;
    this.transactions = transactions;
    this.rows = rows;
    this.touches = touches;
    this.customers = customers;
    this.policies = policies;
    this.tenants = tenants;
    this.clock = clock;
  }

  /** Runs batches until nothing due is left (or only locked customers are); returns messages handed over. */
  public int dispatchDue() {
    int total = 0;
    while (true) {
      int[] batch = transactions.execute(status -> batch());
      total += batch[1];
      if (batch[0] < BATCH || batch[2] == 0) {
        return total;
      }
    }
  }

  /** One batch: {taken, handed over, decided}. */
  private int[] batch() {
    Instant now = clock.instant();
    List<MessageRows.Row> taken = jdbc.sql(MessageRows.SELECT + """
             where status in ('PLANNED', 'DEFERRED') and planned_at <= :now
            order by planned_at, id limit :batch for update skip locked""")
        .param("now", MessageRows.ts(now)).param("batch", BATCH).query(rows::map).list();
    Map<String, List<MessageRows.Row>> byCustomer = new LinkedHashMap<>();
    taken.forEach(m -> byCustomer.computeIfAbsent(m.tenantId() + "/" + m.customerId(), k -> new ArrayList<>()).add(m));
    Map<Long, Tenant> tenantCache = new LinkedHashMap<>();
    Map<Long, ContactPolicy> policyCache = new LinkedHashMap<>();
    int handed = 0;
    int decided = 0;
    for (List<MessageRows.Row> group : byCustomer.values()) {
      MessageRows.Row first = group.getFirst();
      if (!touches.lock(first.tenantId(), first.customerId())) {
        continue;
      }
      List<MessageRows.Row> due = new ArrayList<>(group);
      due.addAll(moreDue(first, group, now));
      Tenant tenant = tenantCache.computeIfAbsent(first.tenantId(), id -> tenants.find(id).orElseThrow());
      ContactPolicy policy = policyCache.computeIfAbsent(first.tenantId(), policies::find);
      handed += customers.run(tenant, policy, first.customerId(), due, now);
      decided += due.size();
    }
    return new int[] {taken.size(), handed, decided};
  }

  /** The customer's other due messages (beyond this batch), so priority sees all of them. */
  private List<MessageRows.Row> moreDue(MessageRows.Row first, List<MessageRows.Row> taken, Instant now) {
    List<Long> ids = taken.stream().map(MessageRows.Row::id).toList();
    return jdbc.sql(MessageRows.SELECT + """
             where tenant_id = :tenant and customer_id = :customer and status in ('PLANNED', 'DEFERRED')
              and planned_at <= :now and id not in (:ids)
            for update skip locked""")
        .param("tenant", first.tenantId()).param("customer", first.customerId())
        .param("now", MessageRows.ts(now)).param("ids", ids).query(rows::map).list();
  }
}
