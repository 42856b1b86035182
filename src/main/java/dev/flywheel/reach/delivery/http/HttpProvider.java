package dev.flywheel.reach.delivery.http;

import dev.flywheel.platform.signing.Signatures;
import dev.flywheel.reach.Channel;
import dev.flywheel.reach.delivery.provider.ChannelProvider;
import dev.flywheel.reach.delivery.provider.Parcel;
import dev.flywheel.reach.delivery.provider.ProviderConfig;
import dev.flywheel.reach.delivery.provider.ProviderResult;
import dev.flywheel.reach.delivery.provider.ProviderStore;
import dev.flywheel.reach.delivery.send.DeliveryProperties;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/**
 * SMS, push and robocall through the tenant's generic HTTP provider: a signed JSON POST (see
 * {@link Signatures}) with {@value Signatures#IDEMPOTENCY_KEY} = message id, so a repeated
 * attempt after a crash is recognisable. 2xx is sent; 408, 425, 429, 5xx and network errors are
 * an outage (retried); any other status is a refusal.
 */
@Component
class HttpProvider implements ChannelProvider {
  private static final JsonMapper JSON = JsonMapper.builder().build();
  private final ProviderStore store;
  private final DeliveryProperties properties;
  private final Clock clock;
  private final HttpClient client;

  HttpProvider(ProviderStore store, DeliveryProperties properties, Clock clock) {
    this.store = store;
    this.properties = properties;
    this.clock = clock;
    this.client = HttpClient.newBuilder().connectTimeout(properties.httpTimeout())
        .followRedirects(HttpClient.Redirect.NEVER).build();
  }

  @Override
  public Set<Channel> channels() {
    return EnumSet.of(Channel.SMS, Channel.PUSH, Channel.ROBOCALL);
  }

  @Override
  public ProviderResult send(Parcel parcel) {
    Optional<ProviderConfig> found = store.active(parcel.tenantId(), parcel.channel())
        .filter(c -> ProviderConfig.HTTP.equals(c.kind()));
    if (found.isEmpty()) {
      return new ProviderResult.Refused("http", "no-provider", "no HTTP provider is set up for " + parcel.channel());
    }
    ProviderConfig config = found.get();
    byte[] body = JSON.writeValueAsBytes(payload(parcel, config));
    long timestamp = clock.instant().getEpochSecond();
    try {
      HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(config.url()))
          .timeout(properties.httpTimeout()).POST(HttpRequest.BodyPublishers.ofByteArray(body));
      config.headers().forEach(request::header);
      request.setHeader("Content-Type", "application/json")
          .setHeader(Signatures.IDEMPOTENCY_KEY, parcel.idempotencyKey())
          .setHeader(Signatures.TIMESTAMP, Long.toString(timestamp))
          .setHeader(Signatures.SIGNATURE, Signatures.sign(config.secret(), timestamp, body));
      HttpResponse<String> response = client.send(request.build(), HttpResponse.BodyHandlers.ofString());
      return answer(config, response);
    } catch (IOException e) {
      return new ProviderResult.Unavailable(config.label(), e.toString());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return new ProviderResult.Unavailable(config.label(), "interrupted");
    } catch (IllegalArgumentException e) {
      return new ProviderResult.Refused(config.label(), "invalid-provider-config", e.getMessage());
    }
  }

  private Map<String, Object> payload(Parcel parcel, ProviderConfig config) {
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("message_id", parcel.idempotencyKey());
    json.put("channel", parcel.channel().name());
    json.put("to", parcel.recipient());
    json.put("customer_id", parcel.customerId());
    json.put("subject", parcel.subject());
    json.put("body", parcel.body());
    json.put("attempt", parcel.attempt());
    json.put("receipt_url", properties.publicBaseUrl() + "/api/v1/reach/receipts/" + config.id());
    return json;
  }

  private static ProviderResult answer(ProviderConfig config, HttpResponse<String> response) {
    int status = response.statusCode();
    if (status >= 200 && status < 300) {
      return new ProviderResult.Sent(config.label(), config.id(), reference(response.body()), false);
    }
    String detail = "HTTP " + status + ": " + abbreviate(response.body());
    if (status == 408 || status == 425 || status == 429 || status >= 500) {
      return new ProviderResult.Unavailable(config.label(), detail);
    }
    return new ProviderResult.Refused(config.label(), "rejected-by-provider", detail);
  }

  /** The provider's id for the message: {@code id} or {@code reference} of a JSON answer. */
  private static String reference(String body) {
    if (body == null || !body.strip().startsWith("{")) {
      return null;
    }
    try {
      Map<?, ?> json = JSON.readValue(body.getBytes(StandardCharsets.UTF_8), Map.class);
      Object ref = json.get("id") != null ? json.get("id") : json.get("reference");
      return ref == null ? null : abbreviate(ref.toString());
    } catch (RuntimeException notJson) {
      return null;
    }
  }

  private static String abbreviate(String text) {
    return text == null ? "" : text.length() > 200 ? text.substring(0, 200) : text;
  }
}
