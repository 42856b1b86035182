package dev.flywheel.customer;

import dev.flywheel.support.ApiClient;
import static org.assertj.core.api.Assertions.assertThat;

import dev.flywheel.platform.time.MovableClock;
import dev.flywheel.support.RunningFlywheel;
import dev.flywheel.support.TestTenants;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/** Profiles over HTTP: upsert, validation, tags, consent, and strict tenant isolation. */
@RunningFlywheel
class CustomerApiTest {
  @Autowired TestTenants tenants;
  @Autowired Customers customers;
  @Autowired MovableClock clock;
  @LocalServerPort int port;

  @Test
  void putCreatesThenReplacesAndGetShowsMaskedData() {
    ApiClient api = new ApiClient(port, tenants.create().apiKey());
    var created = api.put("/api/v1/customers/u-1", Map.of("name", "张三丰", "phone", "13812345678",
        "birthday", "1990-04-01", "city", "Shanghai", "risk_level", "R2", "asset_tier", "HNW",
        "tags", List.of("insurance", "loan"), "attributes", Map.of("employer", "ACME"),
        "acquisition_channel", "wechat"));
    assertThat(created.status()).isEqualTo(201);
    assertThat(created.<String>get("display_name_masked")).isEqualTo("张**");
    assertThat(created.<String>get("phone_masked")).isEqualTo("138****5678");
    assertThat(created.raw()).doesNotContain("13812345678").doesNotContain("张三丰");
    assertThat(created.<List<String>>get("tags")).containsExactly("insurance", "loan");
    assertThat(created.<String>get("birthday")).isEqualTo("1990-04-01");
    assertThat(created.<String>get("acquisition_channel")).isEqualTo("wechat");
    assertThat(created.<Boolean>get("consent.sms.granted")).isTrue();
    assertThat(created.<String>get("loan.stage")).isEqualTo("REGISTERED");

    var replaced = api.put("/api/v1/customers/u-1", Map.of("name", "Alice Wong", "tags", List.of("wealth")));
    assertThat(replaced.status()).isEqualTo(200);
    assertThat(replaced.<String>get("display_name_masked")).isEqualTo("A**** W***");
    assertThat(replaced.<List<String>>get("tags")).containsExactly("wealth");
    assertThat(replaced.<String>get("city")).isNull();
    assertThat(replaced.<String>get("acquisition_channel")).as("kept when not given").isEqualTo("wechat");
  }

  @Test
  void invalidInputIsAProblemNamingEachField() {
    ApiClient api = new ApiClient(port, tenants.create().apiKey());
    var invalid = api.put("/api/v1/customers/u-2", Map.of("birthday", "1990-13-01",
        "tags", List.of("ok", "not ok"), "nickname", "x", "attributes", "flat"));
    assertThat(invalid.status()).isEqualTo(422);
    assertThat(invalid.<String>get("code")).isEqualTo("invalid-customer");
    assertThat(invalid.raw()).contains("\"field\":\"birthday\"", "\"field\":\"tags[1]\"",
        "\"field\":\"nickname\"", "\"field\":\"attributes\"");
    var badId = api.put("/api/v1/customers/" + "x".repeat(65), Map.of());
    assertThat(badId.<String>get("code")).isEqualTo("invalid-customer");
    assertThat(badId.raw()).contains("\"field\":\"id\"");
    assertThat(api.get("/api/v1/customers/u-2").<String>get("code")).isEqualTo("not-found");
  }

  @Test
  void tagsCanBeAddedAndRemoved() {
    ApiClient api = new ApiClient(port, tenants.create().apiKey());
    api.put("/api/v1/customers/u-3", Map.of("tags", List.of("loan")));
    assertThat(api.post("/api/v1/customers/u-3/tags", Map.of("tags", List.of("insurance", "loan", "vip")))
        .<List<String>>get("tags")).containsExactly("loan", "insurance", "vip");
    assertThat(api.delete("/api/v1/customers/u-3/tags/loan").<List<String>>get("tags"))
        .containsExactly("insurance", "vip");
    assertThat(api.post("/api/v1/customers/nobody/tags", Map.of("tag", "x")).status()).isEqualTo(404);
    assertThat(api.post("/api/v1/customers/u-3/tags", Map.of("tag", "a b")).<String>get("code"))
        .isEqualTo("invalid-customer");
  }

  @Test
  void anOptOutRecordsItsTime() {
    TestTenants.TestTenant tenant = tenants.create();
    ApiClient api = new ApiClient(port, tenant.apiKey());
    api.put("/api/v1/customers/u-4", Map.of());
    var out = api.put("/api/v1/customers/u-4/consent/sms", Map.of("granted", false));
    assertThat(out.status()).isEqualTo(200);
    assertThat(out.<Boolean>get("consent.granted")).isFalse();
    CustomerProfile.Consent sms = customers.find(tenant.id(), "u-4").orElseThrow().consent().get("sms");
    assertThat(sms.granted()).isFalse();
    assertThat(sms.optedOutAt()).isEqualTo(clock.instant());
    assertThat(customers.find(tenant.id(), "u-4").orElseThrow().consent().get("push").granted()).isTrue();

    clock.advance(java.time.Duration.ofHours(1));
    api.put("/api/v1/customers/u-4/consent/sms", Map.of("granted", false));
    assertThat(customers.find(tenant.id(), "u-4").orElseThrow().consent().get("sms").optedOutAt())
        .as("a repeated opt-out keeps the first time").isEqualTo(sms.optedOutAt());

    var badChannel = api.put("/api/v1/customers/u-4/consent/fax", Map.of("granted", "no"));
    assertThat(badChannel.<String>get("code")).isEqualTo("invalid-customer");
    assertThat(badChannel.raw()).contains("\"field\":\"channel\"", "\"field\":\"granted\"");
    assertThat(api.put("/api/v1/customers/nobody/consent/sms", Map.of("granted", false)).status()).isEqualTo(404);
  }

  @Test
  void aTenantCanNeitherReadNorChangeAnotherTenantsCustomer() {
    TestTenants.TestTenant a = tenants.create();
    TestTenants.TestTenant b = tenants.create();
    ApiClient apiA = new ApiClient(port, a.apiKey());
    ApiClient apiB = new ApiClient(port, b.apiKey());
    assertThat(apiB.put("/api/v1/customers/shared-1", Map.of("name", "Bob", "tags", List.of("loan"))).status())
        .isEqualTo(201);

    var read = apiA.get("/api/v1/customers/shared-1");
    assertThat(read.status()).isEqualTo(404);
    assertThat(read.<String>get("code")).isEqualTo("not-found");
    assertThat(apiA.post("/api/v1/customers/shared-1/tags", Map.of("tag", "vip")).status()).isEqualTo(404);
    assertThat(apiA.put("/api/v1/customers/shared-1/consent/sms", Map.of("granted", false)).status()).isEqualTo(404);
    assertThat(apiA.delete("/api/v1/customers/shared-1/tags/loan").status()).isEqualTo(404);

    var ownCopy = apiA.put("/api/v1/customers/shared-1", Map.of("name", "Alice", "tags", List.of("wealth")));
    assertThat(ownCopy.status()).as("creates A's own customer").isEqualTo(201);

    CustomerProfile bs = customers.find(b.id(), "shared-1").orElseThrow();
    assertThat(bs.name()).isEqualTo("Bob");
    assertThat(bs.tags()).containsExactly("loan");
    assertThat(bs.consent().get("sms").granted()).isTrue();
    assertThat(customers.find(a.id(), "shared-1").orElseThrow().name()).isEqualTo("Alice");
    assertThat(apiB.get("/api/v1/customers/shared-1").<String>get("display_name_masked")).isEqualTo("B**");
    assertThat(customers.search(a.id(), CustomerSearch.all(), 0, 10).total()).isEqualTo(1);
  }

  @Test
  void searchFiltersByPrefixTagAndStage() {
    TestTenants.TestTenant tenant = tenants.create();
    ApiClient api = new ApiClient(port, tenant.apiKey());
    api.put("/api/v1/customers/vip-1", Map.of("tags", List.of("loan")));
    api.put("/api/v1/customers/vip-2", Map.of("tags", List.of("insurance")));
    api.put("/api/v1/customers/std-1", Map.of("tags", List.of("loan")));
    assertThat(customers.search(tenant.id(), new CustomerSearch("vip-", null, null, null), 0, 10).items())
        .extracting(CustomerPage.Summary::id).containsExactly("vip-1", "vip-2");
    assertThat(customers.search(tenant.id(), new CustomerSearch(null, "loan", LoanStage.REGISTERED,
        LifecycleStage.NEW), 0, 10).items()).extracting(CustomerPage.Summary::id).containsExactly("std-1", "vip-1");
    CustomerPage page = customers.search(tenant.id(), CustomerSearch.all(), 1, 2);
    assertThat(page.items()).extracting(CustomerPage.Summary::id).containsExactly("vip-2");
    assertThat(page.total()).isEqualTo(3);
    assertThat(customers.countByLoanStage(tenant.id())).containsEntry(LoanStage.REGISTERED, 3L);
  }
}
