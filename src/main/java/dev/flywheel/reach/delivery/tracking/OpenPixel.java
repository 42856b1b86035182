package dev.flywheel.reach.delivery.tracking;

import dev.flywheel.reach.delivery.send.DeliveryProperties;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The open pixel of an HTML e-mail: {@code <public base>/r/<token>.gif}, whose token is a tracked
 * link token ({@link LinkTokens}, the tenant's link key) for the reserved link index
 * {@value #INDEX}, which no body link can have, so a pixel token is no click token and the
 * other way round.
 */
@Component
public class OpenPixel {
  /** The link index that means "the open pixel". */
  static final int INDEX = Integer.MAX_VALUE;
  private final JdbcClient jdbc;
  private final LinkKeys keys;
  private final String base;

  OpenPixel(JdbcClient jdbc, LinkKeys keys, DeliveryProperties properties) {
    this.jdbc = jdbc;
    this.keys = keys;
    this.base = properties.publicBaseUrl() + "/r/";
  }

  /** A message an open-pixel token names, verified. */
  public record Opened(long tenantId, long messageId, String customerId) {}

  public String url(long tenantId, long messageId) {
    return base + LinkTokens.token(keys.of(tenantId), messageId, INDEX) + ".gif";
  }

  /** The e-mail a pixel token names; empty when malformed, not a pixel token, unknown or its MAC is wrong. */
  public Optional<Opened> resolve(String token) {
    return LinkTokens.parse(token).filter(parsed -> parsed.index() == INDEX)
        .flatMap(parsed -> jdbc.sql("""
                select tenant_id, customer_id from reach_messages where id = :id and channel = 'EMAIL'""")
            .param("id", parsed.messageId())
            .query((rs, n) -> new Opened(rs.getLong(1), parsed.messageId(), rs.getString(2)))
            .optional()
            .filter(opened -> parsed.signedWith(keys.of(opened.tenantId()))));
  }

  /** Stamps the first open; true only for the first, so an open is recorded once however often the image loads. */
  public boolean firstOpen(Opened opened, java.time.Instant at) {
    return jdbc.sql("""
            update reach_deliveries set opened_at = :at
            where message_id = :id and tenant_id = :tenant and opened_at is null""")
        .param("at", java.sql.Timestamp.from(at)).param("id", opened.messageId()).param("tenant", opened.tenantId())
        .update() == 1;
  }
}
