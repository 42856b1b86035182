package dev.flywheel.platform.customersession;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;

/**
 * Issues and verifies signed customer session tokens; no server state. A token reads
 * {@code v1.<tenant>.<expires epoch s>.<base64url customer id>.<base64url HMAC-SHA256>}; the MAC
 * covers everything before it and is keyed per tenant ({@code HMAC(secret, "tenant:" + id)}), so
 * a token of one tenant never verifies as another's. Revocation = wait for expiry (keep TTLs short)
 * or rotate the secret.
 */
@Service
public class CustomerSessions {
  private static final Logger log = LoggerFactory.getLogger(CustomerSessions.class);
  private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();
  private static final Base64.Decoder B64D = Base64.getUrlDecoder();
  public static final int MAX_CUSTOMER_ID_LENGTH = 128;
  private final byte[] secret;
  private final CustomerSessionProperties properties;
  private final Clock clock;

  CustomerSessions(CustomerSessionProperties properties, Clock clock) {
    this.properties = properties;
    this.clock = clock;
    if (properties.secret() == null || properties.secret().isBlank()) {
      log.warn("flywheel.customer-sessions.secret is not set: customer session tokens use a random secret "
          + "that dies with this process");
      this.secret = new byte[32];
      new SecureRandom().nextBytes(this.secret);
    } else {
      this.secret = properties.secret().getBytes(StandardCharsets.UTF_8);
    }
  }

  /** A token for {@code customerId}; {@code ttl} null = the default, capped at the maximum. */
  public IssuedSession issue(long tenantId, String customerId, Duration ttl) {
    if (customerId == null || customerId.isBlank() || customerId.length() > MAX_CUSTOMER_ID_LENGTH) {
      throw new IllegalArgumentException("customer id must be 1.." + MAX_CUSTOMER_ID_LENGTH + " characters");
    }
    Duration life = ttl == null ? properties.defaultTtl() : ttl;
    if (life.isNegative() || life.isZero() || life.compareTo(properties.maxTtl()) > 0) {
      throw new IllegalArgumentException("ttl must be positive and at most " + properties.maxTtl());
    }
    Instant expires = clock.instant().plus(life).truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
    String body = "v1." + tenantId + "." + expires.getEpochSecond() + "."
        + B64.encodeToString(customerId.getBytes(StandardCharsets.UTF_8));
    return new IssuedSession(body + "." + B64.encodeToString(mac(tenantId, body)), tenantId, customerId, expires);
  }

  /** Checks the signature first, then the expiry against the injected clock. */
  public SessionCheck verify(String token) {
    if (token == null || token.length() > 1024) {
      return new SessionCheck.Invalid("missing or too long");
    }
    String[] parts = token.split("\\.", -1);
    if (parts.length != 5 || !parts[0].equals("v1")) {
      return new SessionCheck.Invalid("malformed");
    }
    try {
      long tenantId = Long.parseLong(parts[1]);
      long expires = Long.parseLong(parts[2]);
      String body = token.substring(0, token.lastIndexOf('.'));
      if (!MessageDigest.isEqual(mac(tenantId, body), B64D.decode(parts[4]))) {
        return new SessionCheck.Invalid("bad signature");
      }
      Instant expiresAt = Instant.ofEpochSecond(expires);
      if (!clock.instant().isBefore(expiresAt)) {
        return new SessionCheck.Expired(expiresAt);
      }
      String customer = new String(B64D.decode(parts[3]), StandardCharsets.UTF_8);
      return new SessionCheck.Valid(new CustomerPrincipal(tenantId, customer), expiresAt);
    } catch (IllegalArgumentException e) { // NumberFormatException included
      return new SessionCheck.Invalid("malformed");
    }
  }

  private byte[] mac(long tenantId, String body) {
    try {
      Mac master = Mac.getInstance("HmacSHA256");
      master.init(new SecretKeySpec(secret, "HmacSHA256"));
      byte[] tenantKey = master.doFinal(("tenant:" + tenantId).getBytes(StandardCharsets.UTF_8));
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(tenantKey, "HmacSHA256"));
      return mac.doFinal(body.getBytes(StandardCharsets.UTF_8));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 unavailable", e);
    }
  }
}
