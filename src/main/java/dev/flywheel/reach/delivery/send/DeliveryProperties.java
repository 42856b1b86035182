package dev.flywheel.reach.delivery.send;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code flywheel.reach.delivery.*}: retries, timeouts and the public address of tracked links.
 *
 * @param maxAttempts provider calls per message before it FAILS with {@code provider-unavailable}
 * @param backoffBase wait after the first failed attempt; doubled after each further one
 * @param backoffMax the longest wait between attempts
 * @param lease how long one attempt holds a message before another node may try it again
 * @param httpTimeout connect and response timeout of HTTP providers
 * @param receiptTolerance how far a receipt's signed timestamp may be from now (replay guard)
 * @param publicBaseUrl where customers reach this server: tracked links and receipt URLs start with it
 * @param emailFrom sender address when the SMTP provider names none
 */
@ConfigurationProperties("flywheel.reach.delivery")
public record DeliveryProperties(Integer maxAttempts, Duration backoffBase, Duration backoffMax, Duration lease,
    Duration httpTimeout, Duration receiptTolerance, String publicBaseUrl, String emailFrom) {

  public DeliveryProperties {
    maxAttempts = maxAttempts == null ? 5 : maxAttempts;
    backoffBase = backoffBase == null ? Duration.ofSeconds(30) : backoffBase;
    backoffMax = backoffMax == null ? Duration.ofMinutes(30) : backoffMax;
    lease = lease == null ? Duration.ofMinutes(2) : lease;
    httpTimeout = httpTimeout == null ? Duration.ofSeconds(10) : httpTimeout;
    receiptTolerance = receiptTolerance == null ? Duration.ofMinutes(5) : receiptTolerance;
    publicBaseUrl = publicBaseUrl == null || publicBaseUrl.isBlank() ? "http://localhost:8080"
        : publicBaseUrl.replaceAll("/+$", "");
    emailFrom = emailFrom == null || emailFrom.isBlank() ? "no-reply@example.com" : emailFrom;
    if (maxAttempts < 1) {
      throw new IllegalArgumentException("flywheel.reach.delivery.max-attempts must be at least 1");
    }
  }

  /** The wait after {@code attempts} failed attempts: base × 2^(attempts−1), at most {@link #backoffMax}. */
  public Duration backoffAfter(int attempts) {
    int doublings = Math.clamp(attempts - 1, 0, 30);
    Duration wait = backoffBase.multipliedBy(1L << doublings);
    return wait.compareTo(backoffMax) > 0 ? backoffMax : wait;
  }
}
