package dev.flywheel.reach.delivery.provider;

import dev.flywheel.reach.Channel;
import java.time.Instant;
import java.util.Map;

/** One stored provider ({@code reach_providers}); {@code secret} and the SMTP password are raw. */
public record ProviderConfig(long id, long tenantId, Channel channel, String kind, String name, String url,
    String secret, Map<String, String> headers, Smtp smtp, boolean enabled, String updatedBy,
    Instant updatedAt) {

  public static final String SMTP = "smtp";
  public static final String HTTP = "http";

  public record Smtp(String host, int port, String from, String username, String password, boolean startTls) {}

  /** The label stored in {@code reach_deliveries.provider}. */
  public String label() {
    return kind + ":" + name;
  }
}
