package dev.flywheel.event.types;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flywheel.platform.web.FieldIssue;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Attribute rules without a database: normalised values and the codes of each fault. */
class AttributeCheckTest {

  @Test
  void moneyIsNormalisedToCentsAndIntegersToLongs() {
    List<FieldIssue> issues = new ArrayList<>();
    Map<String, Object> valid = AttributeCheck.check(BuiltInTypes.find("investment").orElseThrow(),
        Map.of("amount", 1000, "product", "fund-a", "term_days", new BigDecimal("90.0")), issues);
    assertThat(issues).isEmpty();
    assertThat(valid).containsEntry("amount", new BigDecimal("1000.00")).containsEntry("term_days", 90L);
  }

  @Test
  void eachFaultHasItsCode() {
    List<FieldIssue> issues = new ArrayList<>();
    Map<String, Object> given = new LinkedHashMap<>();
    given.put("amount", new BigDecimal("0.001"));
    given.put("loan_id", 7);
    given.put("extra", "x");
    AttributeCheck.check(BuiltInTypes.find("drawdown").orElseThrow(), given, issues);
    assertThat(issues).extracting(FieldIssue::field, FieldIssue::code).containsExactlyInAnyOrder(
        org.assertj.core.groups.Tuple.tuple("attributes.extra", "unknown-attribute"),
        org.assertj.core.groups.Tuple.tuple("attributes.amount", "too-many-decimals"),
        org.assertj.core.groups.Tuple.tuple("attributes.loan_id", "wrong-attribute-type"));
  }

  @Test
  void nullCountsAsAbsent() {
    List<FieldIssue> issues = new ArrayList<>();
    Map<String, Object> given = new LinkedHashMap<>();
    given.put("reason", null);
    given.put("result", "passed");
    assertThat(AttributeCheck.check(BuiltInTypes.find("risk_decision").orElseThrow(), given, issues))
        .containsOnlyKeys("result");
    assertThat(issues).isEmpty();
  }
}
