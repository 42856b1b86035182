package dev.flywheel.reach.template;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.List;
import java.util.function.ToIntFunction;

/**
 * Sticky experiment assignment: the same (experiment, customer) always lands in the same bucket,
 * across restarts and nodes. The bucket is the first 32 bits of MD5("experiment:customer") modulo
 * 10,000, the same as SQL {@code ('x' || substr(md5(...), 1, 8))::bit(32)::bigint % 10000}, so
 * set-based planning in SQL assigns exactly like a single send.
 */
public final class StickyChoice {
  private StickyChoice() {}

  public static int bucket(String experiment, String customerId) {
    try {
      byte[] md5 = MessageDigest.getInstance("MD5")
          .digest((experiment + ":" + customerId).getBytes(StandardCharsets.UTF_8));
      long first32 = ((md5[0] & 0xFFL) << 24) | ((md5[1] & 0xFFL) << 16) | ((md5[2] & 0xFFL) << 8) | (md5[3] & 0xFFL);
      return (int) (first32 % 10_000);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /** One of {@code options} by weight; options with weight 0 are never chosen. */
  public static <T> T pick(String experiment, String customerId, List<T> options, ToIntFunction<T> weight) {
    long total = options.stream().mapToLong(weight::applyAsInt).sum();
    if (total <= 0) {
      return options.getFirst();
    }
    long point = bucket(experiment, customerId) * total / 10_000;
    long upTo = 0;
    for (T option : options) {
      upTo += weight.applyAsInt(option);
      if (point < upTo) {
        return option;
      }
    }
    return options.getLast();
  }
}
