package dev.flywheel.reach.delivery.web;

import dev.flywheel.platform.web.FieldIssue;
import dev.flywheel.platform.web.Problem;
import dev.flywheel.reach.MessageStatus;
import dev.flywheel.platform.signing.Signatures;
import dev.flywheel.reach.delivery.provider.ProviderConfig;
import dev.flywheel.reach.delivery.provider.ProviderStore;
import dev.flywheel.reach.delivery.send.DeliveryProperties;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code POST /api/v1/reach/receipts/{provider}}: delivery receipts from an HTTP provider. No API
 * key: the provider proves itself with {@link Signatures} over the raw body and a timestamp within
 * {@code receipt-tolerance} of now. Nothing is read from the body before the signature holds, and
 * nothing is written unless the whole receipt is valid.
 */
@RestController
class ReceiptController {
  private static final JsonMapper JSON = JsonMapper.builder().build();
  private static final Map<String, MessageStatus> STATUSES = Map.of("sent", MessageStatus.SENT,
      "delivered", MessageStatus.DELIVERED, "failed", MessageStatus.FAILED, "opened", MessageStatus.OPENED,
      "clicked", MessageStatus.CLICKED);
  private final ProviderStore providers;
  private final ReceiptBook book;
  private final Clock clock;
  private final Duration tolerance;

  ReceiptController(ProviderStore providers, ReceiptBook book, Clock clock, DeliveryProperties properties) {
    this.providers = providers;
    this.book = book;
    this.clock = clock;
    this.tolerance = properties.receiptTolerance();
  }

  @PostMapping("/api/v1/reach/receipts/{provider}")
  Map<String, Object> receive(@PathVariable String provider,
      @RequestHeader(name = Signatures.TIMESTAMP, required = false) String timestamp,
      @RequestHeader(name = Signatures.SIGNATURE, required = false) String signature,
      @RequestBody(required = false) byte[] body) {
    if (timestamp == null || signature == null || body == null) {
      throw unauthorized("receipt-unsigned", "Sign receipts with " + Signatures.TIMESTAMP + " and "
          + Signatures.SIGNATURE);
    }
    ProviderConfig config = provider(provider);
    long ts = seconds(timestamp);
    if (Duration.between(Instant.ofEpochSecond(ts), clock.instant()).abs().compareTo(tolerance) > 0) {
      throw unauthorized("receipt-expired", "The signed timestamp is too far from now");
    }
    if (!Signatures.verify(config.secret(), ts, body, signature)) {
      throw unauthorized("receipt-signature-invalid", "The signature does not match");
    }
    ReceiptBook.Receipt receipt = parse(body);
    return book.apply(config, receipt);
  }

  private ProviderConfig provider(String provider) {
    Optional<ProviderConfig> found = provider.matches("\\d{1,18}")
        ? providers.byId(Long.parseLong(provider)) : Optional.empty();
    // an unknown provider answers like a bad signature: which ids exist is nobody's business
    return found.filter(c -> c.enabled() && ProviderConfig.HTTP.equals(c.kind()) && c.secret() != null)
        .orElseThrow(() -> unauthorized("receipt-signature-invalid", "The signature does not match"));
  }

  private static long seconds(String timestamp) {
    try {
      return Long.parseLong(timestamp.strip());
    } catch (NumberFormatException e) {
      throw unauthorized("receipt-unsigned", Signatures.TIMESTAMP + " must be Unix seconds");
    }
  }

  private static ReceiptBook.Receipt parse(byte[] body) {
    Map<?, ?> json;
    try {
      json = JSON.readValue(body, Map.class);
    } catch (RuntimeException e) {
      throw Problem.badRequest("malformed-receipt", "The receipt is not a JSON object");
    }
    Object id = json.get("message_id");
    Object status = json.get("status");
    long messageId = id instanceof Number n ? n.longValue()
        : id instanceof String s && s.matches("\\d{1,18}") ? Long.parseLong(s) : -1;
    MessageStatus to = status instanceof String s ? STATUSES.get(s.toLowerCase(java.util.Locale.ROOT)) : null;
    if (messageId < 0 || to == null) {
      List<FieldIssue> issues = new java.util.ArrayList<>();
      if (messageId < 0) {
        issues.add(new FieldIssue("message_id", "invalid", "the message id Flywheel sent"));
      }
      if (to == null) {
        issues.add(new FieldIssue("status", "invalid", "one of " + STATUSES.keySet().stream().sorted().toList()));
      }
      throw new Problem(HttpStatus.BAD_REQUEST, "malformed-receipt", "The receipt has invalid fields", issues);
    }
    Object reason = json.get("reason");
    Object ref = json.get("provider_ref");
    return new ReceiptBook.Receipt(messageId, to,
        reason instanceof String r && r.matches("[a-z0-9-]{1,64}") ? r : null,
        ref instanceof String r && r.length() <= 200 ? r : null);
  }

  private static Problem unauthorized(String code, String detail) {
    return new Problem(HttpStatus.UNAUTHORIZED, code, detail, List.of());
  }
}
