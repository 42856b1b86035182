package dev.flywheel.ledger.wallet;

import dev.flywheel.ledger.Asset;
import dev.flywheel.ledger.ClawbackRequest;
import dev.flywheel.ledger.ClawbackResult;
import dev.flywheel.ledger.Grant;
import dev.flywheel.ledger.coupon.CouponStore;
import dev.flywheel.ledger.grant.GrantStore;
import dev.flywheel.ledger.journal.Journal;
import dev.flywheel.ledger.journal.Journal.Leg;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Takes back the rewards of one source event. Each grant is clawed back at most once (unique
 * key on the clawback row, written before its entry); pending value goes straight to the
 * tenant's CLAWED_BACK sink; available value, when the policy allows, is taken from the available
 * balance and whatever that cannot cover is posted to the customer's DEBT account — never hidden
 * by letting the available balance go negative.
 */
@Component
public class Clawbacks {
  private final JdbcClient jdbc;
  private final Journal journal;
  private final GrantStore grants;
  private final CouponStore coupons;

  Clawbacks(JdbcClient jdbc, Journal journal, GrantStore grants, CouponStore coupons) {
    this.jdbc = jdbc;
    this.journal = journal;
    this.grants = grants;
    this.coupons = coupons;
  }

  public ClawbackResult clawBack(ClawbackRequest request, Instant now) {
    List<ClawbackResult.Item> done = new ArrayList<>();
    List<Long> kept = new ArrayList<>();
    for (Grant grant : grants.forSource(request.tenantId(), request.sourceEventId())) {
      clawBack(request, grant, now).ifPresentOrElse(done::add, () -> kept.add(grant.id()));
    }
    return new ClawbackResult(done, kept);
  }

  private Optional<ClawbackResult.Item> clawBack(ClawbackRequest r, Grant g, Instant now) {
    long tenant = r.tenantId();
    Optional<String> lockup = jdbc.sql("select status from ledger_lockups where grant_id = :grant for update")
        .param("grant", g.id()).query(String.class).optional();
    List<Leg> legs = new ArrayList<>();
    long fromPending = 0;
    long fromAvailable = 0;
    long toDebt = 0;
    List<String> voided = List.of();
    if (lockup.filter("PENDING"::equals).isPresent()) {
      fromPending = g.amount();
      legs.add(new Leg(journal.wallet(tenant, g.customerId(), g.asset(), "PENDING"), -fromPending));
    } else if (lockup.filter("CLAWED_BACK"::equals).isPresent() || r.policy() == ClawbackRequest.Policy.PENDING_ONLY) {
      return Optional.empty();
    } else if (g.asset() == Asset.COUPON) {
      // only unused coupons come back; a coupon already spent at checkout is not turned into debt
      voided = coupons.lockIssued(g.id());
      fromAvailable = voided.size();
      legs.add(new Leg(journal.wallet(tenant, g.customerId(), g.asset(), "AVAILABLE"), -fromAvailable));
    } else {
      long balance = journal.lockWallet(tenant, g.customerId(), g.asset(), "AVAILABLE")
          .map(Journal.LockedAccount::balance).orElse(0L);
      fromAvailable = Math.min(Math.max(balance, 0), g.amount());
      toDebt = g.amount() - fromAvailable;
      legs.add(new Leg(journal.wallet(tenant, g.customerId(), g.asset(), "AVAILABLE"), -fromAvailable));
      if (toDebt > 0) {
        legs.add(new Leg(journal.wallet(tenant, g.customerId(), g.asset(), "DEBT"), -toDebt));
      }
    }
    long total = fromPending + fromAvailable + toDebt;
    if (total == 0) {
      return Optional.empty();
    }
    long entryId = journal.reserveEntryId();
    boolean first = jdbc.sql("""
            insert into ledger_clawbacks (tenant_id, grant_id, from_pending, from_available, to_debt, reason,
                                          entry_id, created_at)
            values (:tenant, :grant, :pending, :available, :debt, :reason, :entry, :now)
            on conflict (grant_id) do nothing""")
        .param("tenant", tenant).param("grant", g.id()).param("pending", fromPending)
        .param("available", fromAvailable).param("debt", toDebt).param("reason", r.reason())
        .param("entry", entryId).param("now", Timestamp.from(now)).update() == 1;
    if (!first) {
      return Optional.empty();
    }
    legs.add(new Leg(journal.sink(tenant, g.asset(), "CLAWED_BACK"), total));
    journal.post(entryId, tenant, "CLAWBACK", "grant:" + g.id(), r.actor(), g.asset(), now, legs);
    if (fromPending > 0) {
      jdbc.sql("update ledger_lockups set status = 'CLAWED_BACK', settled_at = :now where grant_id = :grant")
          .param("now", Timestamp.from(now)).param("grant", g.id()).update();
    }
    coupons.markClawedBack(voided);
    return Optional.of(new ClawbackResult.Item(g.id(), g.customerId(), g.asset(), fromPending, fromAvailable, toDebt));
  }
}
