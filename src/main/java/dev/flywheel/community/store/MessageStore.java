package dev.flywheel.community.store;

import dev.flywheel.community.ChatMessage;
import dev.flywheel.community.Inbound;
import dev.flywheel.community.Post;
import dev.flywheel.community.PostKind;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** The messages of community chats, both directions, and the delivery state of outbound posts. */
@Component
public class MessageStore {
  private final JdbcClient jdbc;

  MessageStore(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  /** Stores an inbound message; empty when the chat already delivered this external id. */
  public Optional<Long> storeInbound(long tenantId, long communityId, Inbound in, String knownCustomer, Instant now) {
    return jdbc.sql("""
            insert into community_messages (tenant_id, community_id, direction, external_id, customer_id,
              sender_name, body, kind, received_at)
            values (:t, :c, 'IN', :ext, :customer, :sender, :body, 'CHAT', :now)
            on conflict (community_id, external_id) where direction = 'IN' do nothing
            returning id""")
        .param("t", tenantId).param("c", communityId).param("ext", in.externalId())
        .param("customer", knownCustomer, java.sql.Types.VARCHAR).param("sender", in.senderName())
        .param("body", in.body()).param("now", Timestamp.from(now)).query(Long.class).optional();
  }

  public Optional<ChatMessage> inbound(long communityId, String externalId) {
    return jdbc.sql("select * from community_messages where community_id = :c and direction = 'IN'"
            + " and external_id = :ext").param("c", communityId).param("ext", externalId)
        .query((rs, n) -> message(rs)).optional();
  }

  public long storePost(long tenantId, long communityId, Post post, Instant now) {
    return jdbc.sql("""
            insert into community_messages (tenant_id, community_id, direction, sender_name, body, kind, reference,
              received_at, delivery, next_attempt_at)
            values (:t, :c, 'OUT', :sender, :body, :kind, :ref, :now, 'PENDING', :now) returning id""")
        .param("t", tenantId).param("c", communityId).param("sender", post.senderName()).param("body", post.body())
        .param("kind", post.kind().name()).param("ref", post.reference(), java.sql.Types.VARCHAR)
        .param("now", Timestamp.from(now)).query(Long.class).single();
  }

  public Optional<ChatMessage> find(long id) {
    return jdbc.sql("select * from community_messages where id = :id").param("id", id)
        .query((rs, n) -> message(rs)).optional();
  }

  /** Messages after {@code afterId}, oldest first. */
  public List<ChatMessage> after(long tenantId, long communityId, long afterId, int limit) {
    return jdbc.sql("""
            select * from community_messages where tenant_id = :t and community_id = :c and id > :after
            order by id limit :limit""")
        .param("t", tenantId).param("c", communityId).param("after", afterId).param("limit", limit)
        .query((rs, n) -> message(rs)).list();
  }

  /** The latest {@code limit} messages, oldest first. */
  public List<ChatMessage> latest(long tenantId, long communityId, int limit) {
    return jdbc.sql("""
            select * from (select * from community_messages where tenant_id = :t and community_id = :c
              order by id desc limit :limit) m order by id""")
        .param("t", tenantId).param("c", communityId).param("limit", limit).query((rs, n) -> message(rs)).list();
  }

  /**
   * Takes a lease on a due pending post: its next attempt moves to {@code leaseUntil} and the
   * attempt is counted, so two runners never hand the same post over at once.
   */
  public boolean claim(long id, Instant now, Instant leaseUntil) {
    return jdbc.sql("""
            update community_messages set attempts = attempts + 1, next_attempt_at = :lease
            where id = :id and delivery = 'PENDING' and next_attempt_at <= :now""")
        .param("id", id).param("now", Timestamp.from(now)).param("lease", Timestamp.from(leaseUntil))
        .update() == 1;
  }

  public void sent(long id) {
    jdbc.sql("update community_messages set delivery = 'SENT', next_attempt_at = null, failure = null"
        + " where id = :id and delivery = 'PENDING'").param("id", id).update();
  }

  public void failed(long id, String reason) {
    jdbc.sql("update community_messages set delivery = 'FAILED', next_attempt_at = null, failure = :r"
        + " where id = :id and delivery = 'PENDING'").param("id", id).param("r", reason).update();
  }

  public void later(long id, Instant at, String error) {
    jdbc.sql("update community_messages set next_attempt_at = :at, failure = :e where id = :id"
        + " and delivery = 'PENDING'").param("id", id).param("at", Timestamp.from(at)).param("e", error).update();
  }

  public int attempts(long id) {
    return jdbc.sql("select attempts from community_messages where id = :id").param("id", id)
        .query(Integer.class).optional().orElse(0);
  }

  public List<Long> due(Instant now, int limit) {
    return jdbc.sql("select id from community_messages where delivery = 'PENDING' and next_attempt_at <= :now"
            + " order by next_attempt_at limit :limit")
        .param("now", Timestamp.from(now)).param("limit", limit).query(Long.class).list();
  }

  private static ChatMessage message(ResultSet rs) throws SQLException {
    return new ChatMessage(rs.getLong("id"), rs.getLong("community_id"), "IN".equals(rs.getString("direction")),
        rs.getString("external_id"), rs.getString("customer_id"), rs.getString("sender_name"), rs.getString("body"),
        PostKind.valueOf(rs.getString("kind")), rs.getString("reference"), rs.getTimestamp("received_at").toInstant(),
        rs.getString("delivery"), rs.getString("failure"));
  }
}
