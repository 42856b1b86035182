package dev.flywheel.event.types;

import static dev.flywheel.event.AttributeSchema.optional;
import static dev.flywheel.event.AttributeSchema.required;
import static dev.flywheel.event.AttributeType.BOOLEAN;
import static dev.flywheel.event.AttributeType.DATE;
import static dev.flywheel.event.AttributeType.ENUM;
import static dev.flywheel.event.AttributeType.INTEGER;
import static dev.flywheel.event.AttributeType.MONEY;
import static dev.flywheel.event.AttributeType.STRING;

import dev.flywheel.event.AttributeSchema;
import dev.flywheel.event.EventType;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The finance vocabulary every tenant shares: the lending and wealth funnels. Immutable. */
public final class BuiltInTypes {
  private static final Map<String, EventType> TYPES = new LinkedHashMap<>();

  static {
    add("registered", "A customer registered",
        optional("platform", ENUM).oneOf("app", "h5", "mini_program"), optional("invited_by", STRING));
    add("app_login", "A customer logged in to the app");
    add("application_step", "A customer completed a loan application step", required("step", STRING));
    add("risk_decision", "The platform's risk control decided",
        required("result", ENUM).oneOf("passed", "rejected"), optional("reason", STRING));
    add("funder_decision", "A funding party decided",
        required("funder", STRING), required("result", ENUM).oneOf("approved", "rejected"),
        optional("credit_line", MONEY));
    add("drawdown", "A customer drew down a loan",
        required("amount", MONEY), optional("loan_id", STRING), optional("funder", STRING));
    add("repayment_due", "A repayment falls due",
        optional("amount", MONEY), optional("due_date", DATE), optional("loan_id", STRING));
    add("repayment", "A customer repaid",
        required("amount", MONEY), optional("loan_id", STRING), optional("settled", BOOLEAN));
    add("overdue", "A loan is overdue",
        required("days", INTEGER).atLeast(1), optional("amount", MONEY), optional("loan_id", STRING));
    add("investment", "A customer invested",
        required("amount", MONEY), required("product", STRING), required("term_days", INTEGER).atLeast(1));
    add("investment_cancelled", "An investment was cancelled",
        optional("amount", MONEY), optional("investment_event_id", STRING));
    add("redemption", "A customer redeemed an investment", required("amount", MONEY), optional("product", STRING),
        optional("investment_event_id", STRING));
    add("share", "A customer shared something", required("target", STRING), optional("channel", STRING));
    add("page_view", "A customer viewed a page", required("page", STRING), optional("variant", STRING));
    add("message_click", "A customer clicked a message", optional("message_id", STRING), optional("link", STRING));
    add("message_delivered", "A message reached the customer (sent or delivered)", optional("message_id", STRING),
        optional("channel", STRING), optional("source", STRING));
    add("coupon_redeemed", "A customer used a coupon", optional("coupon_code", STRING), optional("coupon_template", STRING),
        optional("amount", MONEY));
    add("write_off", "A loan was written off as bad debt", optional("amount", MONEY), optional("loan_id", STRING));
  }

  private BuiltInTypes() {}

  private static void add(String name, String description, AttributeSchema... attributes) {
    TYPES.put(name, new EventType(name, description, true, List.of(attributes)));
  }

  public static List<EventType> all() {
    return List.copyOf(TYPES.values());
  }

  public static Optional<EventType> find(String name) {
    return Optional.ofNullable(TYPES.get(name));
  }

  public static boolean isBuiltIn(String name) {
    return TYPES.containsKey(name);
  }
}
