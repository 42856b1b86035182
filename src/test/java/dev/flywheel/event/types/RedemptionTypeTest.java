package dev.flywheel.event.types;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flywheel.platform.web.FieldIssue;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A redemption names the investment it redeems, so early redemption can claw back that investment's rewards. */
class RedemptionTypeTest {

  @Test
  void redemptionAcceptsAnOptionalInvestmentEventId() {
    List<FieldIssue> issues = new ArrayList<>();
    Map<String, Object> valid = AttributeCheck.check(BuiltInTypes.find("redemption").orElseThrow(),
        Map.of("amount", new BigDecimal("5000"), "product", "fund-a", "investment_event_id", "inv-881"), issues);
    assertThat(issues).isEmpty();
    assertThat(valid).containsEntry("investment_event_id", "inv-881")
        .containsEntry("amount", new BigDecimal("5000.00"));
  }

  @Test
  void itIsOptionalAndAString() {
    List<FieldIssue> issues = new ArrayList<>();
    AttributeCheck.check(BuiltInTypes.find("redemption").orElseThrow(), Map.of("amount", 10), issues);
    assertThat(issues).isEmpty();
    AttributeCheck.check(BuiltInTypes.find("redemption").orElseThrow(),
        Map.of("amount", 10, "investment_event_id", 881), issues);
    assertThat(issues).extracting(FieldIssue::field, FieldIssue::code)
        .containsExactly(org.assertj.core.groups.Tuple.tuple("attributes.investment_event_id", "wrong-attribute-type"));
  }
}
