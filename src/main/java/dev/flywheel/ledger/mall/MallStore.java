package dev.flywheel.ledger.mall;

import dev.flywheel.ledger.Asset;
import dev.flywheel.ledger.CatalogItem;
import dev.flywheel.ledger.ExchangeOutcome;
import dev.flywheel.ledger.journal.Journal;
import dev.flywheel.ledger.journal.Journal.Leg;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.TransactionStatus;

/**
 * The points mall: catalog items and exchanges. An exchange is three guarded writes in one
 * transaction — the exchange row (unique request id), the stock decrement
 * ({@code stock >= quantity}), the points debit (the wallet row locked and checked, a check
 * constraint behind it) — and a refusal rolls all of them back.
 */
@Component
public class MallStore {
  private final JdbcClient jdbc;
  private final Journal journal;

  MallStore(JdbcClient jdbc, Journal journal) {
    this.jdbc = jdbc;
    this.journal = journal;
  }

  public CatalogItem add(long tenantId, String name, long pointPrice, int stock, Instant now) {
    return jdbc.sql("""
            insert into ledger_catalog_items (tenant_id, name, point_price, stock, created_at)
            values (:tenant, :name, :price, :stock, :now) returning id, name, point_price, stock""")
        .param("tenant", tenantId).param("name", name).param("price", pointPrice).param("stock", stock)
        .param("now", Timestamp.from(now))
        .query((rs, n) -> new CatalogItem(rs.getLong(1), rs.getString(2), rs.getLong(3), rs.getInt(4))).single();
  }

  public List<CatalogItem> items(long tenantId) {
    return jdbc.sql("select id, name, point_price, stock from ledger_catalog_items where tenant_id = :tenant order by id")
        .param("tenant", tenantId)
        .query((rs, n) -> new CatalogItem(rs.getLong(1), rs.getString(2), rs.getLong(3), rs.getInt(4))).list();
  }

  /** Runs inside {@code tx}; marks it rollback-only on any refusal. */
  public ExchangeOutcome exchange(TransactionStatus tx, long tenantId, String customerId, long itemId, int quantity,
      String requestId, String actor, Instant now) {
    Optional<ExchangeOutcome> replay = replay(tenantId, customerId, itemId, quantity, requestId);
    if (replay.isPresent()) {
      return replay.get();
    }
    // Take the item's row lock before the exchange row's foreign-key check takes a KEY SHARE lock
    // on it: upgrading our own KEY SHARE to an update while dozens of other buyers hold theirs made
    // PostgreSQL 17 fail with "new multixact has more than one updating member". Buyers of one
    // item queue here; stock is that item's hot row either way.
    boolean itemExists = jdbc.sql("""
            select id from ledger_catalog_items where id = :item and tenant_id = :tenant for no key update""")
        .param("item", itemId).param("tenant", tenantId).query(Long.class).optional().isPresent();
    if (!itemExists) {
      return new ExchangeOutcome.Refused("item-not-found", "No catalog item " + itemId);
    }
    long entryId = journal.reserveEntryId();
    boolean first = jdbc.sql("""
            insert into ledger_exchanges (tenant_id, request_id, customer_id, item_id, quantity, points, entry_id, created_at)
            select :tenant, :request, :customer, id, :quantity, point_price * :quantity, :entry, :now
            from ledger_catalog_items where id = :item and tenant_id = :tenant
            on conflict (tenant_id, request_id) do nothing""")
        .param("tenant", tenantId).param("request", requestId).param("customer", customerId)
        .param("item", itemId).param("quantity", quantity).param("entry", entryId)
        .param("now", Timestamp.from(now)).update() == 1;
    if (!first) {
      // either the item is not this tenant's, or the same request id just committed concurrently
      return replay(tenantId, customerId, itemId, quantity, requestId)
          .orElseGet(() -> new ExchangeOutcome.Refused("item-not-found", "No catalog item " + itemId));
    }
    Optional<Long> price = jdbc.sql("""
            update ledger_catalog_items set stock = stock - :quantity
            where id = :item and tenant_id = :tenant and stock >= :quantity returning point_price""")
        .param("quantity", quantity).param("item", itemId).param("tenant", tenantId).query(Long.class).optional();
    if (price.isEmpty()) {
      tx.setRollbackOnly();
      return new ExchangeOutcome.Refused("out-of-stock", "Only fewer than " + quantity + " left of item " + itemId);
    }
    long cost = Math.multiplyExact(price.get(), quantity);
    Optional<Journal.LockedAccount> points = journal.lockWallet(tenantId, customerId, Asset.POINTS, "AVAILABLE");
    if (points.isEmpty() || points.get().balance() < cost) {
      tx.setRollbackOnly();
      return new ExchangeOutcome.Refused("insufficient-points",
          "This exchange costs " + cost + " points; the customer has " + points.map(Journal.LockedAccount::balance).orElse(0L));
    }
    journal.post(entryId, tenantId, "EXCHANGE", "exchange:" + requestId, actor, Asset.POINTS, now,
        List.of(new Leg(points.get().id(), -cost), new Leg(journal.sink(tenantId, Asset.POINTS, "REDEEMED"), cost)));
    long id = jdbc.sql("select id from ledger_exchanges where tenant_id = :tenant and request_id = :request")
        .param("tenant", tenantId).param("request", requestId).query(Long.class).single();
    return new ExchangeOutcome.Exchanged(id, itemId, quantity, cost, now, false);
  }

  private Optional<ExchangeOutcome> replay(long tenantId, String customerId, long itemId, int quantity,
      String requestId) {
    return jdbc.sql("""
            select id, customer_id, item_id, quantity, points, created_at from ledger_exchanges
            where tenant_id = :tenant and request_id = :request""")
        .param("tenant", tenantId).param("request", requestId)
        .query((rs, n) -> rs.getString(2).equals(customerId) && rs.getLong(3) == itemId && rs.getInt(4) == quantity
            ? (ExchangeOutcome) new ExchangeOutcome.Exchanged(rs.getLong(1), itemId, quantity, rs.getLong(5),
                rs.getTimestamp(6).toInstant(), true)
            : new ExchangeOutcome.Refused("request-id-reused",
                "Request id " + requestId + " was used for a different exchange"))
        .optional();
  }
}
