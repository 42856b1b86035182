package dev.flywheel.platform.signing;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The signature both ways between Flywheel and an HTTP partner (reach providers, chat adapters): header
 * {@value #SIGNATURE} is {@code v1=<hex HMAC-SHA256(secret, timestamp + "." + body)>}, with the
 * Unix-seconds {@value #TIMESTAMP} header signed along, so a captured request cannot be replayed
 * later. Verification accepts a comma-separated list of {@code v1=} values (secret rotation) and
 * compares in constant time. Pure functions.
 */
public final class Signatures {
  public static final String TIMESTAMP = "X-Flywheel-Timestamp";
  public static final String SIGNATURE = "X-Flywheel-Signature";
  public static final String IDEMPOTENCY_KEY = "Idempotency-Key";
  private static final String SCHEME = "v1=";

  private Signatures() {}

  public static String sign(String secret, long timestamp, byte[] body) {
    return SCHEME + HexFormat.of().formatHex(hmac(secret, timestamp, body));
  }

  public static boolean verify(String secret, long timestamp, byte[] body, String header) {
    if (secret == null || header == null) {
      return false;
    }
    byte[] expected = hmac(secret, timestamp, body);
    for (String part : header.split(",")) {
      String value = part.strip();
      if (value.startsWith(SCHEME) && value.length() == SCHEME.length() + 64) {
        try {
          if (MessageDigest.isEqual(expected, HexFormat.of().parseHex(value.substring(SCHEME.length())))) {
            return true;
          }
        } catch (IllegalArgumentException notHex) {
          // keep looking: another value may match
        }
      }
    }
    return false;
  }

  private static byte[] hmac(String secret, long timestamp, byte[] body) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
      mac.update((timestamp + ".").getBytes(StandardCharsets.US_ASCII));
      return mac.doFinal(body);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
    }
  }
}
