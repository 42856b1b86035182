package dev.flywheel.console;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flywheel.customer.Customers;
import dev.flywheel.customer.Segments;
import dev.flywheel.event.EventIngestion;
import dev.flywheel.platform.security.Role;
import dev.flywheel.support.ConsoleSession;
import dev.flywheel.support.RunningFlywheel;
import dev.flywheel.support.TestTenants;
import dev.flywheel.support.TestTenants.TestTenant;
import java.time.Clock;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/** The console pages over real HTTP (cookies, CSRF) on a seeded tenant. */
@RunningFlywheel
class ConsolePagesTest {
  @Autowired TestTenants tenants;
  @Autowired Customers customers;
  @Autowired EventIngestion ingestion;
  @Autowired Segments segments;
  @Autowired Clock clock;
  @LocalServerPort int port;

  TestTenant tenant;

  @BeforeEach
  void seed() {
    tenant = tenants.create();
    Borrowers.seed(customers, ingestion, tenant.id(), clock.instant());
  }

  ConsoleSession as(Role role) {
    return new ConsoleSession(port).login(tenant.user(role), TestTenants.PASSWORD);
  }

  @Test
  void theDashboardShowsKpisAndChartsBuiltOnTheServer() {
    String page = as(Role.EMPLOYEE).get("/console").body();
    assertThat(page).contains("id=\"kpi-customers\"").contains("id=\"chart-events\"")
        .contains("data-chart=").contains("Funder approved").contains("Potentially dormant")
        .contains("Asia/Shanghai");
    assertThat(kpi(page, "kpi-customers")).isEqualTo("6");
    assertThat(kpi(page, "kpi-events")).isEqualTo("25");
    assertThat(kpi(page, "kpi-events-recent")).isEqualTo("25");
    // the events chart carries translated type names and a stacked series per type
    assertThat(page).contains("&quot;stack&quot;:&quot;events&quot;").contains("Funder decision");

    String chinese = as(Role.EMPLOYEE).get("/console?lang=zh-CN").body();
    assertThat(chinese).contains("各借款阶段客户数").contains("资方授信通过").contains("资方决策");
  }

  @Test
  void customersAreFoundByFiltersAndShownMasked() {
    var session = as(Role.OPERATOR);
    String all = session.get("/console/customers").body();
    assertThat(all).contains("6 customers").contains("/console/customers/c-006");

    String approved = session.get("/console/customers?idPrefix=c-00&loanStage=FUNDER_APPROVED&lifecycleStage=").body();
    assertThat(approved).contains("2 customers").contains("/console/customers/c-001")
        .contains("/console/customers/c-005").doesNotContain("/console/customers/c-003");
    assertThat(session.get("/console/customers?tag=wealth").body()).contains("1 customer").contains("c-006");

    String detail = session.get("/console/customers/c-001").body();
    assertThat(detail).contains("张**").contains("138****5678")
        .doesNotContain(Borrowers.RAW_NAME).doesNotContain(Borrowers.RAW_PHONE)
        .contains("Funder approved").contains("Bank A").contains("20,000.00")
        .contains("id=\"stage-history\"").contains("Risk check passed")
        .contains("id=\"last-events\"").contains("funder_decision").contains("douyin")
        .contains("vip");
  }

  @Test
  void anUnknownCustomerIsANotFoundPage() {
    var response = as(Role.OPERATOR).get("/console/customers/nobody");
    assertThat(response.statusCode()).isEqualTo(404);
    assertThat(response.body()).contains("There is no customer with id nobody").doesNotContain("Exception");
    assertThat(as(Role.OPERATOR).get("/console/segments/999999999").statusCode()).isEqualTo(404);
  }

  @Test
  void anotherTenantsCustomerIsNotFound() {
    TestTenant other = tenants.create();
    var stranger = new ConsoleSession(port).login(other.user(Role.ADMIN), TestTenants.PASSWORD);
    var response = stranger.get("/console/customers/c-001");
    assertThat(response.statusCode()).isEqualTo(404);
    assertThat(response.body()).doesNotContain("张**").doesNotContain("138****5678");
    assertThat(stranger.get("/console/customers").body()).doesNotContain("c-001");
  }

  @Test
  void thePreviewShowsTheLiveCountOrTheErrorWithItsPosition() {
    var session = as(Role.OPERATOR);
    String count = session.post("/console/segments/preview", "/console/segments/new",
        Map.of("expression", Borrowers.APPROVED_WAITING)).body();
    assertThat(count).contains("id=\"preview-count\"").contains("data-count=\"1\"")
        .contains("1 customer matches now").doesNotContain("<html");

    String error = session.post("/console/segments/preview", "/console/segments/new",
        Map.of("expression", "loan_stage == \"REGISTERED\" &&\n  days_since(city) > 2")).body();
    assertThat(error).contains("id=\"preview-error\"").contains("data-line=\"2\"").contains("Line 2, column");

    String empty = session.post("/console/segments/preview", "/console/segments/new", Map.of("expression", " ")).body();
    assertThat(empty).contains("Type an expression");
  }

  @Test
  void anInvalidExpressionSavesNothingAndAValidOneLeadsToTheSegmentPage() {
    var session = as(Role.OPERATOR);
    var refused = session.post("/console/segments", "/console/segments/new",
        Map.of("name", "broken", "description", "", "expression", "loan_stage > 3"));
    assertThat(refused.statusCode()).isEqualTo(422);
    assertThat(refused.body()).contains("id=\"form-error\"").contains("Line 1, column")
        .contains("loan_stage &gt; 3");
    assertThat(segments.list(tenant.id())).isEmpty();

    var created = session.post("/console/segments", "/console/segments/new",
        Map.of("name", "Approved, not drawn", "description", "nudge them", "expression", Borrowers.APPROVED_WAITING));
    assertThat(created.statusCode()).isEqualTo(302);
    long id = segments.list(tenant.id()).getFirst().id();
    assertThat(created.headers().firstValue("Location").orElseThrow()).endsWith("/console/segments/" + id);

    String page = session.get("/console/segments/" + id).body();
    assertThat(page).contains("Approved, not drawn").contains("/console/customers/c-001")
        .doesNotContain("/console/customers/c-005");
    assertThat(page).containsPattern("id=\"segment-count\"[^>]*>1<");
    assertThat(session.get("/console/segments").body()).contains("Approved, not drawn").contains("nudge them");

    var again = session.post("/console/segments", "/console/segments/new",
        Map.of("name", "Approved, not drawn", "description", "", "expression", "true"));
    assertThat(again.statusCode()).isEqualTo(422);
    assertThat(again.body()).contains("already exists");
    assertThat(segments.list(tenant.id())).hasSize(1);
  }

  @Test
  void everyoneMayLookButOnlyOperatorsAndAdminsCreate() {
    var employee = as(Role.EMPLOYEE);
    var list = employee.get("/console/segments");
    assertThat(list.statusCode()).isEqualTo(200);
    assertThat(list.body()).doesNotContain("id=\"new-segment\"");
    assertThat(employee.get("/console/segments/new").statusCode()).isEqualTo(403);
    var forbidden = employee.post("/console/segments", "/console/segments",
        Map.of("name", "sneaky", "description", "", "expression", "true"));
    assertThat(forbidden.statusCode()).isEqualTo(403);
    assertThat(segments.list(tenant.id())).isEmpty();

    assertThat(as(Role.ADMIN).get("/console/segments").body()).contains("id=\"new-segment\"");
  }

  @Test
  void eventTypesListBuiltInTypesWithTheirAttributes() {
    String page = as(Role.APPROVER).get("/console/event-types").body();
    assertThat(page).contains("id=\"type-funder_decision\"").contains("credit_line").contains("money")
        .contains("approved").contains("Built-in").contains("required").contains("at least 1");
    assertThat(as(Role.APPROVER).get("/console/event-types?lang=zh-CN").body()).contains("内置").contains("资方决策");
  }

  private static String kpi(String page, String id) {
    var m = java.util.regex.Pattern.compile("id=\"" + id + "\">\\s*<div[^>]*>[^<]*</div>\\s*<div class=\"kpi\">([^<]*)<")
        .matcher(page);
    assertThat(m.find()).as("kpi " + id).isTrue();
    return m.group(1);
  }
}
