package dev.flywheel.reach.template;

import dev.flywheel.customer.CustomerProfile;
import dev.flywheel.platform.web.FieldIssue;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The variable language of templates: {@code ${customer.name}}, {@code ${tenant.name}},
 * {@code ${value.coupon_code}}. Unknown namespaces and customer fields are refused when a template
 * is saved; a missing value is refused when a message is planned.
 */
public final class TemplateText {
  private static final Pattern VARIABLE = Pattern.compile("\\$\\{([^}]*)}");
  private static final Pattern NAME = Pattern.compile("(customer|tenant|value)\\.([A-Za-z0-9_]{1,64})");
  public static final Set<String> CUSTOMER_FIELDS = Set.of("id", "name", "city", "phone_masked", "loan_stage",
      "lifecycle_stage", "application_step", "funder", "credit_line", "overdue_days", "risk_level", "asset_tier");
  private static final Set<String> TENANT_FIELDS = Set.of("name");

  private TemplateText() {}

  /** Problems of one text; {@code field} names it in the request, e.g. {@code variants[1].body}. */
  public static List<FieldIssue> check(String field, String text) {
    List<FieldIssue> issues = new ArrayList<>();
    if (text == null) {
      return issues;
    }
    int open = text.indexOf("${");
    while (open >= 0) {
      int close = text.indexOf('}', open);
      if (close < 0) {
        issues.add(new FieldIssue(field, "malformed-variable", "a ${ without its closing }"));
        break;
      }
      String name = text.substring(open + 2, close).trim();
      Matcher m = NAME.matcher(name);
      if (!m.matches()) {
        issues.add(new FieldIssue(field, "unknown-variable",
            "${" + name + "} is not a variable: use customer.<field>, tenant.name or value.<key>"));
      } else if (m.group(1).equals("customer") && !CUSTOMER_FIELDS.contains(m.group(2))) {
        issues.add(new FieldIssue(field, "unknown-variable",
            "${" + name + "}: customers have no field " + m.group(2) + "; known: " + String.join(", ",
                CUSTOMER_FIELDS.stream().sorted().toList())));
      } else if (m.group(1).equals("tenant") && !TENANT_FIELDS.contains(m.group(2))) {
        issues.add(new FieldIssue(field, "unknown-variable", "${" + name + "}: only tenant.name is known"));
      }
      open = text.indexOf("${", close);
    }
    return issues;
  }

  /** The {@code value.<key>} keys a text uses. */
  public static Set<String> valueKeys(String text) {
    Set<String> keys = new LinkedHashSet<>();
    if (text != null) {
      Matcher m = VARIABLE.matcher(text);
      while (m.find()) {
        Matcher n = NAME.matcher(m.group(1).trim());
        if (n.matches() && n.group(1).equals("value")) {
          keys.add(n.group(2));
        }
      }
    }
    return keys;
  }

  /** Replaces every variable; unknown or missing ones become empty. */
  public static String render(String text, Map<String, String> variables) {
    if (text == null) {
      return null;
    }
    Matcher m = VARIABLE.matcher(text);
    StringBuilder out = new StringBuilder();
    while (m.find()) {
      m.appendReplacement(out, Matcher.quoteReplacement(variables.getOrDefault(m.group(1).trim(), "")));
    }
    m.appendTail(out);
    return out.toString();
  }

  /** The variables of one customer, tenant and request. */
  public static Map<String, String> variables(CustomerProfile c, String tenantName, Map<String, Object> values) {
    Map<String, String> vars = new LinkedHashMap<>();
    put(vars, "customer.id", c.id());
    put(vars, "customer.name", c.name());
    put(vars, "customer.city", c.city());
    put(vars, "customer.phone_masked", c.phoneMasked());
    put(vars, "customer.risk_level", c.riskLevel());
    put(vars, "customer.asset_tier", c.assetTier());
    if (c.loan() != null) {
      put(vars, "customer.loan_stage", c.loan().stage());
      put(vars, "customer.application_step", c.loan().applicationStep());
      put(vars, "customer.funder", c.loan().funder());
      put(vars, "customer.credit_line", c.loan().creditLine() == null ? null : c.loan().creditLine().toPlainString());
      put(vars, "customer.overdue_days", c.loan().overdueDays());
    }
    if (c.lifecycle() != null) {
      put(vars, "customer.lifecycle_stage", c.lifecycle().stage());
    }
    put(vars, "tenant.name", tenantName);
    values.forEach((k, v) -> put(vars, "value." + k, v));
    return vars;
  }

  private static void put(Map<String, String> vars, String name, Object value) {
    if (value != null) {
      vars.put(name, String.valueOf(value));
    }
  }
}
