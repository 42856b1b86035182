package dev.flywheel.reach.delivery;

import dev.flywheel.reach.Channel;
import java.util.Map;

/**
 * A channel's provider as an admin sets it. E-mail takes the {@code smtp*} fields; SMS, push and
 * robocall take {@code url}, {@code secret} and {@code headers}. A null {@code secret} or
 * {@code smtpPassword} keeps the stored one.
 */
public record ProviderForm(
    Channel channel,
    String name,
    String url,
    String secret,
    Map<String, String> headers,
    String smtpHost,
    Integer smtpPort,
    String smtpFrom,
    String smtpUsername,
    String smtpPassword,
    boolean smtpStartTls,
    boolean enabled) {

  public ProviderForm {
    headers = headers == null ? Map.of() : Map.copyOf(headers);
  }
}
