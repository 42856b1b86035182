package dev.flywheel.customer.segment;

import dev.flywheel.customer.CustomerProfile;
import dev.flywheel.platform.cel.CelValues;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * One customer as CEL variables. CEL has no nulls for these types, so missing values are filled:
 * strings become {@code ""}; a timestamp never set becomes the Unix epoch (1970-01-01), so
 * {@code days_since(...)} of it is very large (over 20,000) and "more than N days ago" tests are
 * true, "within N days" tests false; {@code registered_at} falls back to when the customer was
 * first seen. JSON numbers in {@code attributes} are CEL {@code int} when whole, {@code double}
 * otherwise.
 */
final class SegmentVariables {
  private SegmentVariables() {}

  static Map<String, Object> of(CustomerProfile c) {
    Map<String, Object> v = new HashMap<>(20);
    v.put("tags", c.tags());
    v.put("loan_stage", c.loan().stage().name());
    v.put("lifecycle_stage", c.lifecycle().stage().name());
    v.put("stage_entered_at", orEpoch(c.loan().enteredAt()));
    v.put("lifecycle_entered_at", orEpoch(c.lifecycle().enteredAt()));
    v.put("registered_at", orEpoch(c.registeredAt() != null ? c.registeredAt() : c.createdAt()));
    v.put("last_active_at", orEpoch(c.lifecycle().lastActiveAt()));
    v.put("acquisition_channel", orEmpty(c.acquisitionChannel()));
    v.put("city", orEmpty(c.city()));
    v.put("risk_level", orEmpty(c.riskLevel()));
    v.put("asset_tier", orEmpty(c.assetTier()));
    v.put("attributes", CelValues.normalize(c.attributes()));
    Map<String, Boolean> consent = new HashMap<>();
    c.consent().forEach((channel, value) -> consent.put(channel, value.granted()));
    v.put("consent", consent);
    return v;
  }

  private static Instant orEpoch(Instant instant) {
    return instant == null ? Instant.EPOCH : instant;
  }

  private static String orEmpty(String s) {
    return s == null ? "" : s;
  }

}
