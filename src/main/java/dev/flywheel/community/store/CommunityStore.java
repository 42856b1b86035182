package dev.flywheel.community.store;

import dev.flywheel.community.ChatKind;
import dev.flywheel.community.Community;
import dev.flywheel.community.CommunityDraft;
import dev.flywheel.community.Member;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** Communities, their managers and members. */
@Component
public class CommunityStore {
  private static final String SELECT = """
      select c.*, array(select m.username from community_managers m where m.community_id = c.id
        order by m.username) as manager_names
      from community_communities c""";
  private final JdbcClient jdbc;

  CommunityStore(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  public long create(long tenantId, CommunityDraft draft, String secret, String joinCode, String actor, Instant now) {
    long id = jdbc.sql("""
            insert into community_communities (tenant_id, name, description, chat_kind, chat_url, chat_secret,
              join_code, created_by, created_at)
            values (:tenant, :name, :description, :kind, :url, :secret, :join, :actor, :now) returning id""")
        .param("tenant", tenantId).param("name", draft.name())
        .param("description", draft.description() == null ? "" : draft.description())
        .param("kind", draft.chatKind().name())
        .param("url", draft.chatKind() == ChatKind.HTTP ? draft.chatUrl() : null, java.sql.Types.VARCHAR)
        .param("secret", secret).param("join", joinCode).param("actor", actor).param("now", Timestamp.from(now))
        .query(Long.class).single();
    for (String manager : draft.managers()) {
      jdbc.sql("insert into community_managers (community_id, username) values (:id, :u) on conflict do nothing")
          .param("id", id).param("u", manager).update();
    }
    return id;
  }

  public boolean nameTaken(long tenantId, String name) {
    return jdbc.sql("select exists (select 1 from community_communities where tenant_id = :t and name = :n)")
        .param("t", tenantId).param("n", name).query(Boolean.class).single();
  }

  public Optional<Community> find(long tenantId, long id) {
    return jdbc.sql(SELECT + " where c.tenant_id = :t and c.id = :id").param("t", tenantId).param("id", id)
        .query((rs, n) -> community(rs)).optional();
  }

  public Optional<Community> byJoinCode(String joinCode) {
    return jdbc.sql(SELECT + " where c.join_code = :code").param("code", joinCode)
        .query((rs, n) -> community(rs)).optional();
  }

  /** The community a webhook names, across tenants: the signature decides whether it is believed. */
  public Optional<Community> anyTenant(long id) {
    return jdbc.sql(SELECT + " where c.id = :id").param("id", id).query((rs, n) -> community(rs)).optional();
  }

  public List<Community> list(long tenantId) {
    return jdbc.sql(SELECT + " where c.tenant_id = :t order by (c.status = 'ARCHIVED'), c.name")
        .param("t", tenantId).query((rs, n) -> community(rs)).list();
  }

  public Optional<String> secret(long id) {
    return jdbc.sql("select chat_secret from community_communities where id = :id").param("id", id)
        .query(String.class).optional();
  }

  public boolean archive(long tenantId, long id) {
    return jdbc.sql("update community_communities set status = 'ARCHIVED' where tenant_id = :t and id = :id"
            + " and status = 'ACTIVE'").param("t", tenantId).param("id", id).update() == 1;
  }

  public void setManagers(long id, List<String> managers) {
    jdbc.sql("delete from community_managers where community_id = :id").param("id", id).update();
    for (String manager : managers) {
      jdbc.sql("insert into community_managers (community_id, username) values (:id, :u) on conflict do nothing")
          .param("id", id).param("u", manager).update();
    }
  }

  /** Joins (or re-joins) a customer; false when the customer is unknown to the tenant. */
  public boolean join(long tenantId, long communityId, String customerId, String displayName, Instant now) {
    return jdbc.sql("""
            insert into community_members (community_id, tenant_id, customer_id, display_name, joined_at)
            select :c, :t, cu.id, :name, :now from customers cu where cu.tenant_id = :t and cu.id = :customer
            on conflict (community_id, customer_id) do update set left_at = null,
              display_name = excluded.display_name,
              joined_at = case when community_members.left_at is null then community_members.joined_at
                               else excluded.joined_at end""")
        .param("c", communityId).param("t", tenantId).param("customer", customerId).param("name", displayName)
        .param("now", Timestamp.from(now)).update() == 1;
  }

  public boolean leave(long communityId, String customerId, Instant now) {
    return jdbc.sql("update community_members set left_at = :now where community_id = :c and customer_id = :cu"
            + " and left_at is null")
        .param("now", Timestamp.from(now)).param("c", communityId).param("cu", customerId).update() == 1;
  }

  public boolean isMember(long communityId, String customerId) {
    return jdbc.sql("select exists (select 1 from community_members where community_id = :c and customer_id = :cu"
            + " and left_at is null)").param("c", communityId).param("cu", customerId).query(Boolean.class).single();
  }

  public List<Member> members(long communityId) {
    return jdbc.sql("select customer_id, display_name, joined_at from community_members"
            + " where community_id = :c and left_at is null order by joined_at, customer_id")
        .param("c", communityId)
        .query((rs, n) -> new Member(rs.getString("customer_id"), rs.getString("display_name"),
            rs.getTimestamp("joined_at").toInstant())).list();
  }

  private static Community community(java.sql.ResultSet rs) throws java.sql.SQLException {
    return new Community(rs.getLong("id"), rs.getLong("tenant_id"), rs.getString("name"),
        rs.getString("description"), ChatKind.valueOf(rs.getString("chat_kind")), rs.getString("chat_url"),
        rs.getString("join_code"), "ARCHIVED".equals(rs.getString("status")),
        Arrays.asList((String[]) rs.getArray("manager_names").getArray()), rs.getString("created_by"),
        rs.getTimestamp("created_at").toInstant());
  }
}
