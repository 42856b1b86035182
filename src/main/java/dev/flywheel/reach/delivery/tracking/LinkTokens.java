package dev.flywheel.reach.delivery.tracking;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.Base64;
import java.util.Optional;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The short signed token of a tracked link: base64url of varint(message id), varint(link index)
 * and the first 10 bytes of HMAC-SHA256 over those bytes with the tenant's link key. About 20
 * characters; a changed character fails the MAC. Pure functions.
 */
final class LinkTokens {
  static final int MAC_BYTES = 10;
  private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();
  private static final Base64.Decoder DECODER = Base64.getUrlDecoder();

  private LinkTokens() {}

  record Parsed(long messageId, int index, byte[] payload, byte[] mac) {
    boolean signedWith(byte[] key) {
      return MessageDigest.isEqual(mac, LinkTokens.mac(key, payload));
    }
  }

  static String token(byte[] key, long messageId, int index) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    varint(out, messageId);
    varint(out, index);
    byte[] payload = out.toByteArray();
    byte[] mac = mac(key, payload);
    return ENCODER.encodeToString(ByteBuffer.allocate(payload.length + mac.length).put(payload).put(mac).array());
  }

  /** The message and index a token names, before its MAC is checked; empty when malformed. */
  static Optional<Parsed> parse(String token) {
    if (token == null || token.length() > 64) {
      return Optional.empty();
    }
    byte[] bytes;
    try {
      bytes = DECODER.decode(token);
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
    // base64 leaves unused bits in the last character, and the decoder ignores them: only the
    // canonical spelling of the bytes is a token, so no second spelling of a signed link exists
    if (!ENCODER.encodeToString(bytes).equals(token)) {
      return Optional.empty();
    }
    ByteBuffer in = ByteBuffer.wrap(bytes);
    Long messageId = readVarint(in);
    Long index = messageId == null ? null : readVarint(in);
    if (index == null || index > Integer.MAX_VALUE || in.remaining() != MAC_BYTES) {
      return Optional.empty();
    }
    byte[] payload = Arrays.copyOf(bytes, in.position());
    byte[] mac = Arrays.copyOfRange(bytes, in.position(), bytes.length);
    return Optional.of(new Parsed(messageId, index.intValue(), payload, mac));
  }

  static byte[] mac(byte[] key, byte[] payload) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(key, "HmacSHA256"));
      return Arrays.copyOf(mac.doFinal(payload), MAC_BYTES);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
    }
  }

  private static void varint(ByteArrayOutputStream out, long value) {
    long v = value;
    while ((v & ~0x7FL) != 0) {
      out.write((int) ((v & 0x7F) | 0x80));
      v >>>= 7;
    }
    out.write((int) v);
  }

  private static Long readVarint(ByteBuffer in) {
    long value = 0;
    for (int shift = 0; shift < 64; shift += 7) {
      if (!in.hasRemaining()) {
        return null;
      }
      byte b = in.get();
      value |= (long) (b & 0x7F) << shift;
      if ((b & 0x80) == 0) {
        return value;
      }
    }
    return null;
  }
}
