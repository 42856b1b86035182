package dev.flywheel.customer.profile;

import dev.flywheel.platform.web.FieldIssue;
import dev.flywheel.platform.web.Problem;
import java.sql.Date;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.databind.json.JsonMapper;

/**
 * Writes the profile side of {@code customers} and {@code customer_consents}. Never touches the
 * event-derived stage columns. Every statement is scoped by tenant: a tenant can only ever create
 * or change rows under its own id.
 */
@Component
class ProfileStore {
  private static final int MAX_ATTRIBUTES_JSON = 16_384;
  private static final JsonMapper JSON = JsonMapper.builder().build();
  private final JdbcClient jdbc;
  private final Clock clock;

  ProfileStore(JdbcClient jdbc, Clock clock) {
    this.jdbc = jdbc;
    this.clock = clock;
  }

  /**
   * Creates or replaces the profile fields (tags included); the acquisition channel and time are
   * only replaced when given. Idempotent.
   *
   * @return true when the customer was created
   */
  @Transactional
  boolean upsert(long tenantId, String id, ProfileForm form) {
    String attributes = JSON.writeValueAsString(form.attributes());
    if (attributes.length() > MAX_ATTRIBUTES_JSON) {
      throw Problem.invalid(ProfileForm.CODE, "The customer has invalid fields",
          List.of(new FieldIssue("attributes", "too-large", "at most 16 KiB of JSON")));
    }
    Instant now = clock.instant();
    return jdbc.sql("""
            insert into customers (tenant_id, id, name, phone, birthday, city, risk_level, asset_tier,
              attributes, tags, acquisition_channel, acquired_at, lifecycle_stage_at, created_at, updated_at, email)
            values (:tenant, :id, :name, :phone, :birthday, :city, :risk, :asset, cast(:attributes as jsonb),
              cast(:tags as text[]), :channel, :acquiredAt, :now, :now, :now, :email)
            on conflict (tenant_id, id) do update set
              name = excluded.name, phone = excluded.phone, birthday = excluded.birthday,
              city = excluded.city, risk_level = excluded.risk_level, asset_tier = excluded.asset_tier,
              attributes = excluded.attributes, tags = excluded.tags, email = excluded.email,
              acquisition_channel = coalesce(excluded.acquisition_channel, customers.acquisition_channel),
              acquired_at = coalesce(excluded.acquired_at, customers.acquired_at),
              updated_at = excluded.updated_at
            returning (xmax = 0) as created""")
        .param("tenant", tenantId).param("id", id).param("name", form.name()).param("phone", form.phone())
        .param("birthday", form.birthday() == null ? null : Date.valueOf(form.birthday()))
        .param("city", form.city()).param("risk", form.riskLevel()).param("asset", form.assetTier())
        .param("attributes", attributes).param("tags", textArray(form.tags()))
        .param("channel", form.acquisitionChannel())
        .param("acquiredAt", form.acquiredAt() == null ? null : Timestamp.from(form.acquiredAt()))
        .param("now", Timestamp.from(now)).param("email", form.email())
        .query(Boolean.class).single();
  }

  /** Adds tags keeping their order and dropping duplicates; empty when the customer is unknown. */
  @Transactional
  Optional<List<String>> addTags(long tenantId, String id, List<String> tags) {
    Optional<List<String>> result = jdbc.sql("""
            update customers set updated_at = :now,
              tags = array(select t from unnest(tags || cast(:tags as text[])) with ordinality as x(t, o)
                           group by t order by min(o))
            where tenant_id = :tenant and id = :id
            returning tags""")
        .param("tenant", tenantId).param("id", id).param("tags", textArray(tags))
        .param("now", Timestamp.from(clock.instant()))
        .query((rs, n) -> List.of((String[]) rs.getArray(1).getArray())).optional();
    if (result.isPresent() && result.get().size() > ProfileForm.MAX_TAGS) {
      throw Problem.invalid(ProfileForm.CODE, "Too many tags", List.of(
          new FieldIssue("tags", "too-many", "a customer has at most " + ProfileForm.MAX_TAGS + " tags")));
    }
    return result;
  }

  /** Removes a tag (no-op when absent); empty when the customer is unknown. */
  Optional<List<String>> removeTag(long tenantId, String id, String tag) {
    return jdbc.sql("""
            update customers set tags = array_remove(tags, :tag), updated_at = :now
            where tenant_id = :tenant and id = :id
            returning tags""")
        .param("tenant", tenantId).param("id", id).param("tag", tag)
        .param("now", Timestamp.from(clock.instant()))
        .query((rs, n) -> List.of((String[]) rs.getArray(1).getArray())).optional();
  }

  /**
   * Records a consent decision. An opt-out stamps {@code opted_out_at} with now unless the channel
   * was already opted out (the first opt-out time is kept); a re-grant keeps the last opt-out time
   * as history. Returns false when the customer is unknown.
   */
  @Transactional
  boolean setConsent(long tenantId, String id, String channel, boolean granted) {
    boolean exists = jdbc.sql("select exists (select 1 from customers where tenant_id = :tenant and id = :id)")
        .param("tenant", tenantId).param("id", id).query(Boolean.class).single();
    if (!exists) {
      return false;
    }
    jdbc.sql("""
            insert into customer_consents (tenant_id, customer_id, channel, granted, opted_out_at, updated_at)
            values (:tenant, :id, :channel, :granted, case when :granted then null else cast(:now as timestamptz) end, :now)
            on conflict (tenant_id, customer_id, channel) do update set
              granted = excluded.granted,
              opted_out_at = case
                when excluded.granted or not customer_consents.granted then customer_consents.opted_out_at
                else excluded.opted_out_at end,
              updated_at = excluded.updated_at""")
        .param("tenant", tenantId).param("id", id).param("channel", channel).param("granted", granted)
        .param("now", Timestamp.from(clock.instant()))
        .update();
    return true;
  }

  /** A text[] literal for {@code cast(:x as text[])}; tags are validated, so no quoting surprises. */
  private static String textArray(List<String> values) {
    StringBuilder sb = new StringBuilder("{");
    for (String v : values) {
      if (sb.length() > 1) {
        sb.append(',');
      }
      sb.append('"').append(v.replace("\\", "\\\\").replace("\"", "\\\"")).append('"');
    }
    return sb.append('}').toString();
  }
}
