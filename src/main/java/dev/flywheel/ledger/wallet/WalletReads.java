package dev.flywheel.ledger.wallet;

import dev.flywheel.ledger.Asset;
import dev.flywheel.ledger.Wallet;
import dev.flywheel.ledger.coupon.CouponStore;
import java.time.Instant;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** The customer's wallet as one read: balances, coupons and recent postings. */
@Component
public class WalletReads {
  private final JdbcClient jdbc;
  private final CouponStore coupons;

  WalletReads(JdbcClient jdbc, CouponStore coupons) {
    this.jdbc = jdbc;
    this.coupons = coupons;
  }

  public Wallet wallet(long tenantId, String customerId, int historySize, Instant now) {
    Map<Asset, Wallet.Balance> balances = new EnumMap<>(Asset.class);
    jdbc.sql("""
            select asset,
                   sum(balance) filter (where kind = 'AVAILABLE'),
                   sum(balance) filter (where kind = 'PENDING'),
                   -sum(balance) filter (where kind = 'DEBT')
            from ledger_accounts
            where tenant_id = :tenant and owner_type = 'CUSTOMER' and owner_id = :customer
            group by asset""")
        .param("tenant", tenantId).param("customer", customerId)
        .query(rs -> {
          balances.put(Asset.valueOf(rs.getString(1)),
              new Wallet.Balance(rs.getLong(2), rs.getLong(3), rs.getLong(4)));
        });
    List<Wallet.Movement> history = jdbc.sql("""
            select e.id, e.kind, p.asset, a.kind, p.amount, e.reference, p.created_at
            from ledger_accounts a
            join ledger_postings p on p.account_id = a.id
            join ledger_entries e on e.id = p.entry_id
            where a.tenant_id = :tenant and a.owner_type = 'CUSTOMER' and a.owner_id = :customer
            order by p.id desc limit :limit""")
        .param("tenant", tenantId).param("customer", customerId).param("limit", historySize)
        .query((rs, n) -> new Wallet.Movement(rs.getLong(1), rs.getString(2), Asset.valueOf(rs.getString(3)),
            rs.getString(4), rs.getLong(5), rs.getString(6), rs.getTimestamp(7).toInstant()))
        .list();
    return new Wallet(customerId, balances, coupons.forCustomer(tenantId, customerId, now), history);
  }
}
