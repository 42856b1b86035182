package dev.flywheel.reach.delivery.web;

import dev.flywheel.platform.web.Problem;
import dev.flywheel.reach.MessageStatus;
import dev.flywheel.reach.delivery.provider.ProviderConfig;
import dev.flywheel.reach.delivery.send.StatusMoves;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/** Applies one verified receipt in one transaction; a receipt never moves a status backwards. */
@Component
class ReceiptBook {
  private final JdbcClient jdbc;
  private final StatusMoves moves;
  private final Clock clock;

  ReceiptBook(JdbcClient jdbc, StatusMoves moves, Clock clock) {
    this.jdbc = jdbc;
    this.moves = moves;
    this.clock = clock;
  }

  record Receipt(long messageId, MessageStatus status, String reason, String providerRef) {}

  /** @throws Problem {@code unknown-message} (404) when the provider did not send this message */
  @Transactional
  Map<String, Object> apply(ProviderConfig provider, Receipt r) {
    Instant now = clock.instant();
    boolean ours = jdbc.sql("""
            update reach_deliveries set provider_ref = coalesce(provider_ref, :ref)
            where message_id = :id and tenant_id = :tenant and provider_id = :provider""")
        .param("ref", r.providerRef()).param("id", r.messageId()).param("tenant", provider.tenantId())
        .param("provider", provider.id()).update() > 0;
    if (!ours) {
      throw new Problem(org.springframework.http.HttpStatus.NOT_FOUND, "unknown-message",
          "This provider sent no message " + r.messageId(), java.util.List.of());
    }
    String reason = r.status() == MessageStatus.FAILED ? (r.reason() == null ? "failed-by-provider" : r.reason()) : null;
    boolean applied = moves.move(provider.tenantId(), r.messageId(), r.status(), reason, now).isPresent();
    if (applied && r.status() == MessageStatus.FAILED) {
      jdbc.sql("""
              update reach_deliveries set failed_at = coalesce(failed_at, :now), failure_reason = :reason
              where message_id = :id""")
          .param("now", Timestamp.from(now)).param("reason", reason).param("id", r.messageId()).update();
    }
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("message_id", r.messageId());
    json.put("applied", applied);
    json.put("status", moves.current(provider.tenantId(), r.messageId()).orElseThrow());
    return json;
  }
}
