package dev.flywheel.customer.profile;

import dev.flywheel.customer.CustomerProfile;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The API's JSON shape of a customer (snake_case). Raw name, phone and e-mail never
 * leave: only {@code display_name_masked}, {@code phone_masked} and {@code email_masked}.
 */
final class CustomerJson {
  private CustomerJson() {}

  static Map<String, Object> of(CustomerProfile c) {
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("id", c.id());
    json.put("display_name_masked", c.displayNameMasked());
    json.put("phone_masked", c.phoneMasked());
    json.put("email_masked", c.emailMasked());
    json.put("birthday", c.birthday());
    json.put("city", c.city());
    json.put("risk_level", c.riskLevel());
    json.put("asset_tier", c.assetTier());
    json.put("attributes", c.attributes());
    json.put("tags", c.tags());
    json.put("acquisition_channel", c.acquisitionChannel());
    json.put("invited_by", c.invitedBy());
    json.put("acquired_at", c.acquiredAt());
    json.put("registered_at", c.registeredAt());
    json.put("registered_platform", c.registeredPlatform());
    Map<String, Object> consent = new LinkedHashMap<>();
    c.consent().forEach((channel, value) -> consent.put(channel, consent(value)));
    json.put("consent", consent);
    Map<String, Object> loan = new LinkedHashMap<>();
    loan.put("stage", c.loan().stage());
    loan.put("entered_at", c.loan().enteredAt());
    loan.put("h5_only", c.loan().h5Only());
    loan.put("application_step", c.loan().applicationStep());
    loan.put("funder", c.loan().funder());
    loan.put("credit_line", c.loan().creditLine());
    loan.put("overdue_days", c.loan().overdueDays());
    json.put("loan", loan);
    Map<String, Object> lifecycle = new LinkedHashMap<>();
    lifecycle.put("stage", c.lifecycle().stage());
    lifecycle.put("entered_at", c.lifecycle().enteredAt());
    lifecycle.put("last_active_at", c.lifecycle().lastActiveAt());
    lifecycle.put("active_days", c.lifecycle().activeDays());
    lifecycle.put("recalled_at", c.lifecycle().recalledAt());
    json.put("lifecycle", lifecycle);
    json.put("created_at", c.createdAt());
    json.put("updated_at", c.updatedAt());
    return json;
  }

  static Map<String, Object> consent(CustomerProfile.Consent value) {
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("granted", value.granted());
    json.put("opted_out_at", value.optedOutAt());
    json.put("updated_at", value.updatedAt());
    return json;
  }
}
