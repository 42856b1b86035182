package dev.flywheel.reach.delivery.tracking;

import dev.flywheel.reach.delivery.send.DeliveryProperties;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Rewrites every http(s) link of a message body to {@code <public base>/r/<token>} at hand-over
 * and resolves tokens back when a customer clicks. The original targets live in {@code reach_links}.
 */
@Component
public class LinkTracker {
  private static final Pattern LINK = Pattern.compile("https?://[^\\s<>\"'()\\[\\]{}]+");
  private static final String TRAILING = ".,;:!?";
  private final JdbcClient jdbc;
  private final LinkKeys keys;
  private final String base;

  LinkTracker(JdbcClient jdbc, LinkKeys keys, DeliveryProperties properties) {
    this.jdbc = jdbc;
    this.keys = keys;
    this.base = properties.publicBaseUrl() + "/r/";
  }

  /** A body with tracked links and the original targets, by index. */
  public record Rewritten(String body, List<String> targets) {}

  /** A link a token names, verified. */
  public record Link(long tenantId, long messageId, int index, String url, String customerId) {}

  /** Pure apart from reading the tenant's key; call {@link #store} once the delivery row exists. */
  public Rewritten rewrite(long tenantId, long messageId, String body) {
    if (body == null || body.isEmpty()) {
      return new Rewritten(body, List.of());
    }
    byte[] key = keys.of(tenantId);
    List<String> targets = new ArrayList<>();
    StringBuilder out = new StringBuilder();
    Matcher m = LINK.matcher(body);
    while (m.find()) {
      String url = m.group();
      int keep = url.length();
      while (keep > 0 && TRAILING.indexOf(url.charAt(keep - 1)) >= 0) {
        keep--;
      }
      String target = url.substring(0, keep);
      if (!redirectable(target)) {
        m.appendReplacement(out, Matcher.quoteReplacement(url));
        continue;
      }
      String tracked = base + LinkTokens.token(key, messageId, targets.size());
      targets.add(target);
      m.appendReplacement(out, Matcher.quoteReplacement(tracked + url.substring(keep)));
    }
    m.appendTail(out);
    return new Rewritten(out.toString(), List.copyOf(targets));
  }

  private static boolean redirectable(String target) {
    try {
      return java.net.URI.create(target).getHost() != null && target.length() <= 2000;
    } catch (IllegalArgumentException e) {
      return false;
    }
  }

  /** Joins the caller's transaction (the hand-over). */
  public void store(long messageId, List<String> targets) {
    for (int i = 0; i < targets.size(); i++) {
      jdbc.sql("insert into reach_links (message_id, idx, url) values (:id, :idx, :url) on conflict do nothing")
          .param("id", messageId).param("idx", i).param("url", targets.get(i)).update();
    }
  }

  /** The link behind a token; empty when the token is malformed, unknown or its MAC is wrong. */
  public Optional<Link> resolve(String token) {
    return LinkTokens.parse(token).flatMap(parsed -> jdbc.sql("""
            select m.tenant_id, m.customer_id, l.url from reach_links l
            join reach_messages m on m.id = l.message_id
            where l.message_id = :id and l.idx = :idx""")
        .param("id", parsed.messageId()).param("idx", parsed.index())
        .query((rs, n) -> new Link(rs.getLong(1), parsed.messageId(), parsed.index(), rs.getString(3),
            rs.getString(2)))
        .optional()
        .filter(link -> parsed.signedWith(keys.of(link.tenantId()))));
  }

  /** Counts a click; returns the number of clicks on this link so far, this one included. */
  public int countClick(Link link) {
    return jdbc.sql("update reach_links set clicks = clicks + 1 where message_id = :id and idx = :idx returning clicks")
        .param("id", link.messageId()).param("idx", link.index()).query(Integer.class).single();
  }
}
