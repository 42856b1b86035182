package dev.flywheel.ledger.coupon;

import dev.flywheel.ledger.Asset;
import dev.flywheel.ledger.Coupon;
import dev.flywheel.ledger.CouponTemplate;
import dev.flywheel.ledger.journal.Journal;
import dev.flywheel.ledger.journal.Journal.Leg;
import java.security.SecureRandom;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** Coupon templates and instances. A coupon's status is state; its history is postings. */
@Component
public class CouponStore {
  // Crockford base32 without I, L, O, U: read aloud and typed at checkout
  private static final char[] ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ".toCharArray();
  private static final SecureRandom RANDOM = new SecureRandom();
  private final JdbcClient jdbc;
  private final Journal journal;

  CouponStore(JdbcClient jdbc, Journal journal) {
    this.jdbc = jdbc;
    this.journal = journal;
  }

  public CouponTemplate define(long tenantId, String name, long faceValue, long minSpend, Instant validFrom,
      Instant validTo, Integer validDays, Instant now) {
    long id = jdbc.sql("""
            insert into ledger_coupon_templates (tenant_id, name, face_value, min_spend, valid_from, valid_to,
                                                 valid_days, created_at)
            values (:tenant, :name, :face, :min, :from, :to, :days, :now) returning id""")
        .param("tenant", tenantId).param("name", name).param("face", faceValue).param("min", minSpend)
        .param("from", ts(validFrom)).param("to", ts(validTo)).param("days", validDays).param("now", ts(now))
        .query(Long.class).single();
    return template(tenantId, id).orElseThrow();
  }

  public Optional<CouponTemplate> template(long tenantId, long id) {
    return jdbc.sql("select * from ledger_coupon_templates where tenant_id = :tenant and id = :id")
        .param("tenant", tenantId).param("id", id).query(CouponStore::template).optional();
  }

  public List<CouponTemplate> templates(long tenantId) {
    return jdbc.sql("select * from ledger_coupon_templates where tenant_id = :tenant order by id")
        .param("tenant", tenantId).query(CouponStore::template).list();
  }

  private static CouponTemplate template(java.sql.ResultSet rs, int row) throws java.sql.SQLException {
    return new CouponTemplate(rs.getLong("id"), rs.getString("name"), rs.getLong("face_value"),
        rs.getLong("min_spend"), instant(rs, "valid_from"), instant(rs, "valid_to"),
        (Integer) rs.getObject("valid_days"));
  }

  /** Issues {@code count} coupons of a template for a grant (its COUPON postings are the grant's). */
  public void issue(long tenantId, long grantId, CouponTemplate t, String customerId, long count, Instant now) {
    Instant from = t.validFrom() == null || t.validFrom().isBefore(now) ? now : t.validFrom();
    Instant to = t.validDays() == null ? t.validTo() : now.plus(Duration.ofDays(t.validDays()));
    if (t.validTo() != null && t.validTo().isBefore(to)) {
      to = t.validTo();
    }
    for (long i = 0; i < count; i++) {
      jdbc.sql("""
              insert into ledger_coupons (tenant_id, code, template_id, grant_id, customer_id, face_value,
                                          min_spend, valid_from, valid_to, issued_at)
              values (:tenant, :code, :template, :grant, :customer, :face, :min, :from, :to, :now)""")
          .param("tenant", tenantId).param("code", newCode()).param("template", t.id()).param("grant", grantId)
          .param("customer", customerId).param("face", t.faceValue()).param("min", t.minSpend())
          .param("from", ts(from)).param("to", ts(to)).param("now", ts(now)).update();
    }
  }

  /**
   * Marks the coupon redeemed if it is the customer's, issued, valid now and the order meets its
   * minimum spend — one conditional update, so two checkouts can never both use it — and posts
   * one COUPON from the customer's wallet to the tenant's REDEEMED sink.
   */
  public Optional<Coupon> redeem(long tenantId, String code, String customerId, String requestId,
      Long orderAmount, String actor, Instant now) {
    Optional<Coupon> redeemed = jdbc.sql("""
            update ledger_coupons set status = 'REDEEMED', redeemed_at = :now, redeem_request_id = :request
            where tenant_id = :tenant and code = :code and customer_id = :customer and status = 'ISSUED'
              and valid_from <= :now and valid_to > :now
              and (cast(:order as bigint) is null or min_spend <= cast(:order as bigint))
            returning *""")
        .param("tenant", tenantId).param("code", code).param("customer", customerId).param("request", requestId)
        .param("order", orderAmount).param("now", ts(now))
        .query((rs, n) -> map(rs, now)).optional();
    redeemed.ifPresent(c -> journal.post(tenantId, "REDEEM", "coupon:" + code, actor, Asset.COUPON, now,
        List.of(new Leg(journal.wallet(tenantId, customerId, Asset.COUPON, "AVAILABLE"), -1),
            new Leg(journal.sink(tenantId, Asset.COUPON, "REDEEMED"), 1))));
    return redeemed;
  }

  /** The coupon as stored, with the request id that redeemed it (to tell a replay from a reuse). */
  /** Issued and redeemed coupons (count, face value in fen) granted by one campaign. */
  public dev.flywheel.ledger.CouponUse usage(long tenantId, long campaignId) {
    return jdbc.sql("""
            select count(*), coalesce(sum(c.face_value), 0),
              count(*) filter (where c.status = 'REDEEMED'),
              coalesce(sum(c.face_value) filter (where c.status = 'REDEEMED'), 0)
            from ledger_coupons c join ledger_grants g on g.id = c.grant_id
            where c.tenant_id = :t and g.tenant_id = :t and g.campaign_id = :c""")
        .param("t", tenantId).param("c", campaignId)
        .query((rs, n) -> new dev.flywheel.ledger.CouponUse(rs.getLong(1), rs.getLong(2), rs.getLong(3), rs.getLong(4)))
        .single();
  }

  public Optional<Stored> find(long tenantId, String code, Instant now) {
    return jdbc.sql("select * from ledger_coupons where tenant_id = :tenant and code = :code")
        .param("tenant", tenantId).param("code", code)
        .query((rs, n) -> new Stored(map(rs, now), rs.getString("redeem_request_id"))).optional();
  }

  public record Stored(Coupon coupon, String redeemRequestId) {}

  public List<Coupon> forCustomer(long tenantId, String customerId, Instant now) {
    return jdbc.sql("""
            select * from ledger_coupons where tenant_id = :tenant and customer_id = :customer
            order by issued_at desc, id desc limit 200""")
        .param("tenant", tenantId).param("customer", customerId).query((rs, n) -> map(rs, now)).list();
  }

  /** Issued coupons of a grant, locked: what a clawback can still take. */
  public List<String> lockIssued(long grantId) {
    return jdbc.sql("select code from ledger_coupons where grant_id = :grant and status = 'ISSUED' order by id for update")
        .param("grant", grantId).query(String.class).list();
  }

  public void markClawedBack(List<String> codes) {
    codes.forEach(code -> jdbc.sql("update ledger_coupons set status = 'CLAWED_BACK' where code = :code")
        .param("code", code).update());
  }

  /**
   * Expires issued coupons past their validity, posting each from the customer's wallet to the
   * tenant's EXPIRED sink. Batched; {@code SKIP LOCKED} lets a redeem in flight win.
   */
  public int expire(Instant now, int batch) {
    List<Expiring> due = jdbc.sql("""
            select id, tenant_id, customer_id, code from ledger_coupons
            where status = 'ISSUED' and valid_to <= :now order by valid_to limit :batch
            for update skip locked""")
        .param("now", ts(now)).param("batch", batch)
        .query((rs, n) -> new Expiring(rs.getLong(1), rs.getLong(2), rs.getString(3), rs.getString(4))).list();
    for (Expiring e : due) {
      jdbc.sql("update ledger_coupons set status = 'EXPIRED' where id = :id").param("id", e.id()).update();
      journal.post(e.tenantId(), "EXPIRE", "coupon:" + e.code(), "ledger-upkeep", Asset.COUPON, now,
          List.of(new Leg(journal.wallet(e.tenantId(), e.customerId(), Asset.COUPON, "AVAILABLE"), -1),
              new Leg(journal.sink(e.tenantId(), Asset.COUPON, "EXPIRED"), 1)));
    }
    return due.size();
  }

  private record Expiring(long id, long tenantId, String customerId, String code) {}

  private static Coupon map(ResultSet rs, Instant now) throws SQLException {
    Instant validTo = instant(rs, "valid_to");
    String status = rs.getString("status");
    if (status.equals("ISSUED") && !validTo.isAfter(now)) {
      status = "EXPIRED";
    }
    return new Coupon(rs.getString("code"), rs.getLong("template_id"), rs.getString("customer_id"),
        rs.getLong("face_value"), rs.getLong("min_spend"), instant(rs, "valid_from"), validTo, status,
        instant(rs, "redeemed_at"));
  }

  private static String newCode() {
    char[] code = new char[12];
    for (int i = 0; i < code.length; i++) {
      code[i] = ALPHABET[RANDOM.nextInt(ALPHABET.length)];
    }
    return new String(code);
  }

  private static Timestamp ts(Instant instant) {
    return instant == null ? null : Timestamp.from(instant);
  }

  private static Instant instant(ResultSet rs, String column) throws SQLException {
    Timestamp t = rs.getTimestamp(column);
    return t == null ? null : t.toInstant();
  }
}
