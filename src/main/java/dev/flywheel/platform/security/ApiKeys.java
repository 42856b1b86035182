package dev.flywheel.platform.security;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * API keys for the finance app's backend: {@code Authorization: Bearer fw_<prefix>_<secret>}.
 * Only the SHA-256 of a key is stored; the last-used time is written at most once a minute per
 * key so authentication does not turn every call into a hot-row update. Keys verified recently
 * are served from a bounded cache ({@link VerifiedKeys}, {@code flywheel.api.key-cache.ttl},
 * default 10 s): a revocation takes effect on this node at once and on other nodes within the TTL.
 */
@Service
public class ApiKeys {
  private static final SecureRandom RANDOM = new SecureRandom();
  private static final MessageDigest SHA_256 = newSha256();
  private static final Duration LAST_USED_GRANULARITY = Duration.ofMinutes(1);
  private final JdbcClient jdbc;
  private final Clock clock;
  private final VerifiedKeys verified;

  ApiKeys(JdbcClient jdbc, Clock clock, @Value("${flywheel.api.key-cache.ttl:10s}") Duration ttl,
      @Value("${flywheel.api.key-cache.max-keys:10000}") long maxKeys) {
    this.jdbc = jdbc;
    this.clock = clock;
    this.verified = new VerifiedKeys(ttl, maxKeys, clock);
  }

  @Transactional
  public IssuedApiKey issue(long tenantId, String name, String createdBy) {
    byte[] bytes = new byte[32];
    RANDOM.nextBytes(bytes);
    String body = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    String prefix = body.substring(0, 8);
    String secret = "fw_" + prefix + "_" + body.substring(8);
    return issueWithSecret(tenantId, name, createdBy, secret);
  }

  /** Registers a key whose secret is chosen by the caller (the documented demo key only). */
  @Transactional
  public IssuedApiKey issueWithSecret(long tenantId, String name, String createdBy, String secret) {
    String prefix = secret.length() > 11 ? secret.substring(3, 11) : secret;
    long id = jdbc.sql("""
            insert into api_keys (tenant_id, name, key_prefix, key_hash, created_by, created_at)
            values (:tenant, :name, :prefix, :hash, :by, :now) returning id""")
        .param("tenant", tenantId).param("name", name).param("prefix", prefix)
        .param("hash", sha256(secret)).param("by", createdBy)
        .param("now", Timestamp.from(clock.instant()))
        .query(Long.class).single();
    return new IssuedApiKey(find(tenantId, id).orElseThrow(), secret);
  }

  /** Revokes at once; idempotent. @return false when the tenant has no such key */
  @Transactional
  public boolean revoke(long tenantId, long id) {
    int found = jdbc.sql("""
            update api_keys set revoked_at = coalesce(revoked_at, :now)
            where tenant_id = :tenant and id = :id""")
        .param("now", Timestamp.from(clock.instant())).param("tenant", tenantId).param("id", id)
        .update();
    if (found == 1) {
      forgetNowAndAfterCommit(id);
    }
    return found == 1;
  }

  /**
   * Drops the key from this node's cache at once, and again once the revocation is committed: a
   * request that read the row before the commit may have cached it in between.
   */
  private void forgetNowAndAfterCommit(long id) {
    verified.revoked(id);
    if (TransactionSynchronizationManager.isSynchronizationActive()) {
      TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
        @Override
        public void afterCompletion(int status) {
          verified.revoked(id);
        }
      });
    }
  }

  public List<ApiKey> list(long tenantId) {
    return jdbc.sql("select * from api_keys where tenant_id = :tenant order by id")
        .param("tenant", tenantId).query(ApiKeys::map).list();
  }

  public Optional<ApiKey> find(long tenantId, long id) {
    return jdbc.sql("select * from api_keys where tenant_id = :tenant and id = :id")
        .param("tenant", tenantId).param("id", id).query(ApiKeys::map).optional();
  }

  /** The active key with this secret, if any (from the cache when verified lately); records its use. */
  Optional<ApiKey> authenticate(String secret) {
    byte[] hash = sha256(secret);
    Optional<ApiKey> key = verified.get(hash, () ->
        jdbc.sql("select * from api_keys where key_hash = :hash and revoked_at is null")
            .param("hash", hash).query(ApiKeys::map).optional());
    return key.map(k -> touch(hash, k));
  }

  /** Whether this node holds the key with this secret as verified (tests). */
  boolean cached(String secret) {
    return verified.holds(sha256(secret));
  }

  private ApiKey touch(byte[] hash, ApiKey key) {
    Instant now = clock.instant();
    if (key.lastUsedAt() == null || key.lastUsedAt().isBefore(now.minus(LAST_USED_GRANULARITY))) {
      jdbc.sql("update api_keys set last_used_at = :now where id = :id and (last_used_at is null or last_used_at < :now)")
          .param("now", Timestamp.from(now)).param("id", key.id()).update();
      ApiKey used = new ApiKey(key.id(), key.tenantId(), key.name(), key.prefix(), key.createdBy(), key.createdAt(),
          key.revokedAt(), now);
      verified.refresh(hash, used);
      return used;
    }
    return key;
  }

  static byte[] sha256(String secret) {
    return sha256Digest().digest(secret.getBytes(StandardCharsets.UTF_8));
  }

  /** A fresh SHA-256 digest: a copy of an unused one is cheaper than a provider look-up per request. */
  private static MessageDigest sha256Digest() {
    try {
      return (MessageDigest) SHA_256.clone();
    } catch (CloneNotSupportedException e) {
      return newSha256();
    }
  }

  private static MessageDigest newSha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  private static ApiKey map(java.sql.ResultSet rs, int row) throws java.sql.SQLException {
    return new ApiKey(rs.getLong("id"), rs.getLong("tenant_id"), rs.getString("name"), rs.getString("key_prefix"),
        rs.getString("created_by"), rs.getTimestamp("created_at").toInstant(),
        instant(rs.getTimestamp("revoked_at")), instant(rs.getTimestamp("last_used_at")));
  }

  private static Instant instant(Timestamp t) {
    return t == null ? null : t.toInstant();
  }
}
