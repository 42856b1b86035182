package dev.flywheel.platform.customersession;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code flywheel.customer-sessions.*}.
 *
 * @param secret the HMAC secret tokens are signed with (each tenant signs with a key derived from
 *     it); blank = a random secret per start (tokens then die with the process and are not shared
 *     between nodes: set it in production)
 * @param defaultTtl a token's lifetime when the app backend asks for none
 * @param maxTtl the longest lifetime the API grants
 * @param perCustomer bucket for each (tenant, customer)
 * @param perIp bucket for each client IP (the socket's address; proxies are not trusted)
 */
@ConfigurationProperties("flywheel.customer-sessions")
public record CustomerSessionProperties(String secret, Duration defaultTtl, Duration maxTtl, Bucket perCustomer,
    Bucket perIp) {

  public CustomerSessionProperties {
    defaultTtl = defaultTtl == null ? Duration.ofHours(2) : defaultTtl;
    maxTtl = maxTtl == null ? Duration.ofDays(1) : maxTtl;
    perCustomer = perCustomer == null ? new Bucket(30, 5) : perCustomer;
    perIp = perIp == null ? new Bucket(600, 100) : perIp;
  }

  /** A token bucket: {@code capacity} requests at once, refilled at {@code perSecond}. */
  public record Bucket(int capacity, double perSecond) {}
}
