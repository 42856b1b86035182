package dev.flywheel.reach.delivery.provider;

import dev.flywheel.reach.Channel;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/** {@code reach_providers}: one provider per tenant and channel. Every statement is tenant-scoped. */
@Component
public class ProviderStore {
  private static final JsonMapper JSON = JsonMapper.builder().build();
  private final JdbcClient jdbc;
  private final Clock clock;

  ProviderStore(JdbcClient jdbc, Clock clock) {
    this.jdbc = jdbc;
    this.clock = clock;
  }

  /** The enabled provider of a channel, if any. */
  public Optional<ProviderConfig> active(long tenantId, Channel channel) {
    return jdbc.sql("select * from reach_providers where tenant_id = :tenant and channel = :channel and enabled")
        .param("tenant", tenantId).param("channel", channel.name())
        .query(ProviderStore::map).optional();
  }

  /** By id across tenants: receipts name their provider in the URL and prove it by signature. */
  public Optional<ProviderConfig> byId(long id) {
    return jdbc.sql("select * from reach_providers where id = :id").param("id", id)
        .query(ProviderStore::map).optional();
  }

  public List<ProviderConfig> list(long tenantId) {
    return jdbc.sql("select * from reach_providers where tenant_id = :tenant order by channel")
        .param("tenant", tenantId).query(ProviderStore::map).list();
  }

  /**
   * Creates or replaces the channel's provider; a null {@code secret} (or SMTP password) keeps
   * the stored one.
   */
  public ProviderConfig save(ProviderConfig c) {
    ProviderConfig.Smtp smtp = c.smtp();
    return jdbc.sql("""
            insert into reach_providers (tenant_id, channel, kind, name, url, secret, headers, smtp_host,
              smtp_port, smtp_from, smtp_username, smtp_password, smtp_starttls, enabled, updated_by,
              created_at, updated_at)
            values (:tenant, :channel, :kind, :name, :url, :secret, cast(:headers as jsonb), :host, :port,
              :from, :username, :password, :starttls, :enabled, :by, :now, :now)
            on conflict (tenant_id, channel) do update set
              kind = excluded.kind, name = excluded.name, url = excluded.url,
              secret = coalesce(excluded.secret, reach_providers.secret), headers = excluded.headers,
              smtp_host = excluded.smtp_host, smtp_port = excluded.smtp_port, smtp_from = excluded.smtp_from,
              smtp_username = excluded.smtp_username,
              smtp_password = coalesce(excluded.smtp_password, reach_providers.smtp_password),
              smtp_starttls = excluded.smtp_starttls, enabled = excluded.enabled,
              updated_by = excluded.updated_by, updated_at = excluded.updated_at
            returning *""")
        .param("tenant", c.tenantId()).param("channel", c.channel().name()).param("kind", c.kind())
        .param("name", c.name()).param("url", c.url()).param("secret", c.secret())
        .param("headers", JSON.writeValueAsString(c.headers()))
        .param("host", smtp == null ? null : smtp.host())
        .param("port", smtp == null ? null : smtp.port())
        .param("from", smtp == null ? null : smtp.from())
        .param("username", smtp == null ? null : smtp.username())
        .param("password", smtp == null ? null : smtp.password())
        .param("starttls", smtp != null && smtp.startTls())
        .param("enabled", c.enabled()).param("by", c.updatedBy())
        .param("now", Timestamp.from(clock.instant()))
        .query(ProviderStore::map).single();
  }

  /** @return false when the tenant has no provider for the channel */
  public boolean disable(long tenantId, Channel channel, String by) {
    return jdbc.sql("""
            update reach_providers set enabled = false, updated_by = :by, updated_at = :now
            where tenant_id = :tenant and channel = :channel""")
        .param("tenant", tenantId).param("channel", channel.name()).param("by", by)
        .param("now", Timestamp.from(clock.instant())).update() > 0;
  }

  @SuppressWarnings("unchecked")
  private static ProviderConfig map(ResultSet rs, int row) throws SQLException {
    Map<String, String> headers = new TreeMap<>(JSON.readValue(rs.getString("headers"), Map.class));
    String host = rs.getString("smtp_host");
    ProviderConfig.Smtp smtp = host == null ? null : new ProviderConfig.Smtp(host, rs.getInt("smtp_port"),
        rs.getString("smtp_from"), rs.getString("smtp_username"), rs.getString("smtp_password"),
        rs.getBoolean("smtp_starttls"));
    return new ProviderConfig(rs.getLong("id"), rs.getLong("tenant_id"), Channel.valueOf(rs.getString("channel")),
        rs.getString("kind"), rs.getString("name"), rs.getString("url"), rs.getString("secret"), headers, smtp,
        rs.getBoolean("enabled"), rs.getString("updated_by"), rs.getTimestamp("updated_at").toInstant());
  }
}
