package dev.flywheel.customer.profile;

import dev.flywheel.customer.CustomerProfile;
import dev.flywheel.customer.LifecycleStage;
import dev.flywheel.customer.LoanStage;
import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import tools.jackson.databind.json.JsonMapper;

/**
 * How a {@code customers} row (with its consents folded in as JSON) becomes a
 * {@link CustomerProfile}. Shared by the read API and segment evaluation so both see the same
 * customer. {@link #SELECT} must be followed by a {@code where} scoping {@code c.tenant_id}.
 */
public final class CustomerRows {
  /** Consent channels; a channel without a row is granted (implied at registration). */
  public static final List<String> CHANNELS = List.of("sms", "push", "email", "phone");

  public static final String SELECT = """
      select c.*,
        (select coalesce(jsonb_object_agg(cc.channel, jsonb_build_object('granted', cc.granted,
                 'opted_out_at', cc.opted_out_at, 'updated_at', cc.updated_at)), '{}'::jsonb)
         from customer_consents cc
         where cc.tenant_id = c.tenant_id and cc.customer_id = c.id) as consent_json
      from customers c
      """;

  private static final JsonMapper JSON = JsonMapper.builder().build();

  private CustomerRows() {}

  @SuppressWarnings("unchecked")
  public static CustomerProfile map(ResultSet rs, int row) throws SQLException {
    Map<String, Object> attributes = JSON.readValue(rs.getString("attributes"), LinkedHashMap.class);
    Array tags = rs.getArray("tags");
    var birthday = rs.getDate("birthday");
    var loan = new CustomerProfile.Loan(LoanStage.valueOf(rs.getString("loan_stage")),
        instant(rs, "loan_stage_at"), rs.getBoolean("h5_only"), rs.getString("application_step"),
        rs.getString("funder"), rs.getBigDecimal("credit_line"), (Integer) rs.getObject("overdue_days"));
    var lifecycle = new CustomerProfile.Lifecycle(LifecycleStage.valueOf(rs.getString("lifecycle_stage")),
        instant(rs, "lifecycle_stage_at"), instant(rs, "last_active_at"), rs.getInt("active_days"),
        instant(rs, "recalled_at"));
    return new CustomerProfile(rs.getLong("tenant_id"), rs.getString("id"), rs.getString("name"),
        rs.getString("phone"), birthday == null ? null : birthday.toLocalDate(), rs.getString("city"),
        rs.getString("risk_level"), rs.getString("asset_tier"), attributes,
        tags == null ? List.of() : Arrays.asList((String[]) tags.getArray()),
        rs.getString("acquisition_channel"), instant(rs, "acquired_at"), instant(rs, "registered_at"),
        rs.getString("registered_platform"), consent(rs.getString("consent_json")), loan, lifecycle,
        instant(rs, "created_at"), instant(rs, "updated_at"), rs.getString("invited_by"),
        rs.getString("email"));
  }

  @SuppressWarnings("unchecked")
  private static Map<String, CustomerProfile.Consent> consent(String json) {
    Map<String, Map<String, Object>> stored = JSON.readValue(json, Map.class);
    Map<String, CustomerProfile.Consent> consent = new TreeMap<>();
    for (String channel : CHANNELS) {
      Map<String, Object> c = stored.get(channel);
      consent.put(channel, c == null
          ? new CustomerProfile.Consent(true, null, null)
          : new CustomerProfile.Consent(Boolean.TRUE.equals(c.get("granted")), parse(c.get("opted_out_at")),
              parse(c.get("updated_at"))));
    }
    return consent;
  }

  private static Instant parse(Object value) {
    return value == null ? null : OffsetDateTime.parse(value.toString()).toInstant();
  }

  private static Instant instant(ResultSet rs, String column) throws SQLException {
    Timestamp t = rs.getTimestamp(column);
    return t == null ? null : t.toInstant();
  }
}
