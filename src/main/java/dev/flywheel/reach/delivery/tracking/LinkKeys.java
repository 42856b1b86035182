package dev.flywheel.reach.delivery.tracking;

import java.security.SecureRandom;
import java.sql.Timestamp;
import java.time.Clock;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Each tenant's secret for signing tracked links, made at random on first use and kept in
 * {@code reach_link_keys}, so links stay valid across restarts and nodes. Cached; keys never change.
 */
@Component
class LinkKeys {
  private static final SecureRandom RANDOM = new SecureRandom();
  private final JdbcClient jdbc;
  private final Clock clock;
  private final Map<Long, byte[]> cache = new ConcurrentHashMap<>();

  LinkKeys(JdbcClient jdbc, Clock clock) {
    this.jdbc = jdbc;
    this.clock = clock;
  }

  byte[] of(long tenantId) {
    return cache.computeIfAbsent(tenantId, this::load);
  }

  private byte[] load(long tenantId) {
    byte[] fresh = new byte[32];
    RANDOM.nextBytes(fresh);
    // two nodes may race on the first link: the first insert wins and both read it back
    jdbc.sql("""
            insert into reach_link_keys (tenant_id, secret, created_at) values (:tenant, :secret, :now)
            on conflict (tenant_id) do nothing""")
        .param("tenant", tenantId).param("secret", fresh).param("now", Timestamp.from(clock.instant()))
        .update();
    return jdbc.sql("select secret from reach_link_keys where tenant_id = :tenant").param("tenant", tenantId)
        .query(byte[].class).single();
  }
}
