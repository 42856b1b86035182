package dev.flywheel.ledger;

import dev.flywheel.ledger.mall.MallStore;
import java.time.Clock;
import java.util.List;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionTemplate;

/** The points mall: a catalog with point prices and stock, and exchanges of points for items. */
@Service
public class PointsMall {
  private final MallStore store;
  private final TransactionTemplate ownTransaction;
  private final Clock clock;

  PointsMall(MallStore store, PlatformTransactionManager transactions, Clock clock) {
    this.store = store;
    this.ownTransaction = new TransactionTemplate(transactions);
    this.ownTransaction.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
    this.clock = clock;
  }

  @Transactional
  public CatalogItem addItem(long tenantId, String name, long pointPrice, int stock) {
    if (pointPrice <= 0 || stock < 0) {
      throw new IllegalArgumentException("price must be positive and stock not negative");
    }
    return store.add(tenantId, name, pointPrice, stock, clock.instant());
  }

  @Transactional(readOnly = true)
  public List<CatalogItem> items(long tenantId) {
    return store.items(tenantId);
  }

  @Transactional(readOnly = true)
  public java.util.Optional<CatalogItem> item(long tenantId, long itemId) {
    return store.items(tenantId).stream().filter(i -> i.id() == itemId).findFirst();
  }

  /**
   * {@link #exchange} inside the caller's transaction (one must be active), so points granted
   * earlier in it can pay — e.g. a reward paid in points and exchanged for an item at once. A
   * refusal marks the caller's transaction rollback-only: the caller must roll back (mark its own
   * status rollback-only and return) rather than commit. Idempotent by {@code requestId}.
   */
  @Transactional(propagation = org.springframework.transaction.annotation.Propagation.MANDATORY)
  public ExchangeOutcome exchangeWithin(long tenantId, String customerId, long itemId, int quantity, String requestId,
      String actor) {
    if (quantity <= 0) {
      throw new IllegalArgumentException("quantity must be positive");
    }
    return store.exchange(org.springframework.transaction.interceptor.TransactionAspectSupport.currentTransactionStatus(),
        tenantId, customerId, itemId, quantity, requestId, actor, clock.instant());
  }

  /**
   * Exchanges points for {@code quantity} of an item: stock and balance are checked and taken
   * atomically, in its own transaction (a refusal rolls back everything it wrote). Idempotent by
   * {@code requestId}; a refused request stores nothing, so retrying it is evaluated afresh.
   */
  public ExchangeOutcome exchange(long tenantId, String customerId, long itemId, int quantity, String requestId,
      String actor) {
    if (quantity <= 0) {
      throw new IllegalArgumentException("quantity must be positive");
    }
    return ownTransaction.execute(tx ->
        store.exchange(tx, tenantId, customerId, itemId, quantity, requestId, actor, clock.instant()));
  }
}
