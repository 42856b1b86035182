package dev.flywheel.analytics.recall;

import dev.flywheel.event.EventIngestion;
import dev.flywheel.event.IncomingEvent;
import dev.flywheel.event.IngestionResult;
import dev.flywheel.reach.MessageStatus;
import dev.flywheel.reach.MessageStatusChanged;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * The recall funnel's first step from reach: the first time a message is SENT or DELIVERED, a
 * {@code message_delivered} event is ingested for its customer (event id
 * {@code reach-message-<id>}, so the second status is a duplicate that stores nothing), in the
 * transaction that moved the message. Events from outside (an SMS gateway's receipts, the
 * simulator) use the same type. Off with {@code flywheel.analytics.reach-deliveries=false}.
 */
@Component
class ReachDeliveries {
  private static final Logger log = LoggerFactory.getLogger(ReachDeliveries.class);
  private final EventIngestion ingestion;
  private final boolean enabled;

  ReachDeliveries(EventIngestion ingestion, @Value("${flywheel.analytics.reach-deliveries:true}") boolean enabled) {
    this.ingestion = ingestion;
    this.enabled = enabled;
  }

  @EventListener
  void on(MessageStatusChanged change) {
    if (!enabled || change.customerId() == null
        || (change.status() != MessageStatus.SENT && change.status() != MessageStatus.DELIVERED)) {
      return;
    }
    Map<String, Object> attributes = new LinkedHashMap<>();
    attributes.put("message_id", Long.toString(change.messageId()));
    attributes.put("channel", change.channel().name().toLowerCase(Locale.ROOT));
    if (change.source() != null) {
      attributes.put("source", change.source());
    }
    IngestionResult result = ingestion.ingest(change.tenantId(), IncomingEvent.of("reach-message-" + change.messageId(),
        change.customerId(), "message_delivered", change.at(), attributes));
    if (result instanceof IngestionResult.Rejected r) {
      log.warn("message {} delivery not recorded for analytics: {} {}", change.messageId(), r.code(), r.errors());
    }
  }
}
