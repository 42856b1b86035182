package dev.flywheel.community.game;

import dev.flywheel.community.CommunityChat;
import dev.flywheel.community.Game;
import dev.flywheel.community.Post;
import dev.flywheel.community.PostKind;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.sql.Timestamp;
import java.time.Clock;
import java.util.Arrays;
import java.util.Base64;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The product post after a game, with every http(s) link in it replaced by a signed short link
 * {@code <public base>/c/<token>}: base64url of varint(link id) and the first 10 bytes of
 * HMAC-SHA256 over it with the link's own random secret. Only the canonical spelling of a token is
 * accepted. Each click is a row, so clicks are counted per product post.
 */
@Component
public class ProductLinks {
  private static final Pattern LINK = Pattern.compile("https?://[^\\s<>\"'()\\[\\]{}]+");
  private static final String TRAILING = ".,;:!?。，";
  private static final int MAC_BYTES = 10;
  private static final SecureRandom RANDOM = new SecureRandom();
  private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();
  private final JdbcClient jdbc;
  private final CommunityChat chat;
  private final Clock clock;
  private final String base;

  ProductLinks(JdbcClient jdbc, CommunityChat chat, Clock clock,
      @Value("${flywheel.reach.delivery.public-base-url:http://localhost:8080}") String publicBase) {
    this.jdbc = jdbc;
    this.chat = chat;
    this.clock = clock;
    this.base = publicBase + "/c/";
  }

  record Link(long id, String url) {}

  /** Posts the game's product post (kind PRODUCT, reference {@code game-product:<id>}); joins the transaction. */
  void post(Game game) {
    StringBuilder out = new StringBuilder();
    Matcher m = LINK.matcher(game.productPost());
    java.util.List<Long> links = new java.util.ArrayList<>();
    while (m.find()) {
      String url = m.group();
      int keep = url.length();
      while (keep > 0 && TRAILING.indexOf(url.charAt(keep - 1)) >= 0) {
        keep--;
      }
      byte[] secret = new byte[16];
      RANDOM.nextBytes(secret);
      long id = jdbc.sql("""
              insert into community_game_links (tenant_id, game_id, url, secret) values (:t, :g, :url, :s)
              returning id""")
          .param("t", game.tenantId()).param("g", game.id()).param("url", url.substring(0, keep))
          .param("s", secret).query(Long.class).single();
      links.add(id);
      m.appendReplacement(out, Matcher.quoteReplacement(base + token(id, secret) + url.substring(keep)));
    }
    m.appendTail(out);
    Optional<Long> product = chat.post(game.tenantId(), game.communityId(), new Post(game.title(), out.toString(),
        PostKind.PRODUCT, "game-product:" + game.id())).map(posted -> posted.id());
    if (product.isEmpty()) {
      return;
    }
    long message = product.get();
    jdbc.sql("update community_games set product_message_id = :m where id = :g")
        .param("m", message).param("g", game.id()).update();
    for (long id : links) {
      jdbc.sql("update community_game_links set message_id = :m where id = :id").param("m", message)
          .param("id", id).update();
    }
  }

  /** Records a click and answers the target; empty (nothing recorded) for a malformed or forged token. */
  public Optional<String> click(String token) {
    Optional<Long> id = linkId(token);
    if (id.isEmpty()) {
      return Optional.empty();
    }
    Optional<Link> link = jdbc.sql("select id, url, secret from community_game_links where id = :id")
        .param("id", id.get())
        .query((rs, n) -> sameMac(token(rs.getLong("id"), rs.getBytes("secret")), token)
            ? new Link(rs.getLong("id"), rs.getString("url")) : null)
        .optional();
    link.ifPresent(l -> jdbc.sql("insert into community_game_clicks (link_id, clicked_at) values (:l, :now)")
        .param("l", l.id()).param("now", Timestamp.from(clock.instant())).update());
    return link.map(Link::url);
  }

  long clicks(long gameId) {
    return jdbc.sql("""
            select count(*) from community_game_clicks k join community_game_links l on l.id = k.link_id
            where l.game_id = :g""").param("g", gameId).query(Long.class).single();
  }

  static String token(long id, byte[] secret) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    long v = id;
    while ((v & ~0x7FL) != 0) {
      out.write((int) ((v & 0x7F) | 0x80));
      v >>>= 7;
    }
    out.write((int) v);
    byte[] payload = out.toByteArray();
    return ENCODER.encodeToString(ByteBuffer.allocate(payload.length + MAC_BYTES).put(payload)
        .put(mac(secret, payload)).array());
  }

  /** The link id a token names before its MAC is checked; empty unless canonical base64url. */
  static Optional<Long> linkId(String token) {
    if (token == null || token.length() > 40) {
      return Optional.empty();
    }
    byte[] bytes;
    try {
      bytes = Base64.getUrlDecoder().decode(token);
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
    if (!ENCODER.encodeToString(bytes).equals(token) || bytes.length <= MAC_BYTES) {
      return Optional.empty();
    }
    long value = 0;
    int payload = bytes.length - MAC_BYTES;
    for (int i = 0; i < payload && i < 9; i++) {
      value |= (long) (bytes[i] & 0x7F) << (7 * i);
      if ((bytes[i] & 0x80) == 0) {
        return i == payload - 1 ? Optional.of(value) : Optional.empty();
      }
    }
    return Optional.empty();
  }

  private static byte[] mac(byte[] key, byte[] payload) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(key, "HmacSHA256"));
      return Arrays.copyOf(mac.doFinal(payload), MAC_BYTES);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
    }
  }

  static boolean sameMac(String a, String b) {
    return MessageDigest.isEqual(a.getBytes(), b.getBytes());
  }
}
