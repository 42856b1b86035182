package dev.flywheel.lottery.draw;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.SplittableRandom;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The dice of one draw: a PRNG seeded with {@code HMAC-SHA256(lottery secret, request id)}. The
 * same request against the same pool rolls the same numbers (a draw can be explained and
 * re-computed); without the server-side secret a customer cannot search for winning request ids.
 */
public final class DrawDice {
  private DrawDice() {}

  public static Picker.Dice of(byte[] lotterySecret, String requestId) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(lotterySecret, "HmacSHA256"));
      long seed = ByteBuffer.wrap(mac.doFinal(requestId.getBytes(StandardCharsets.UTF_8))).getLong();
      SplittableRandom random = new SplittableRandom(seed);
      return random::nextLong;
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 unavailable", e);
    }
  }
}
