package dev.flywheel.experiment;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flywheel.event.EventIngestion;
import dev.flywheel.event.IncomingEvent;
import dev.flywheel.event.IngestionResult;
import dev.flywheel.platform.time.MovableClock;
import dev.flywheel.support.ApiClient;
import dev.flywheel.support.RunningFlywheel;
import dev.flywheel.support.TestTenants;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/** Experiments over the API: bad input, sticky assignment, idempotent exposures, conversions after exposure. */
@RunningFlywheel
class ExperimentApiTest {
  @Autowired TestTenants tenants;
  @Autowired Experiments experiments;
  @Autowired EventIngestion ingestion;
  @Autowired MovableClock clock;
  @LocalServerPort int port;

  static Map<String, Object> body(String key, int... weights) {
    List<Map<String, Object>> variants = new java.util.ArrayList<>();
    for (int i = 0; i < weights.length; i++) {
      variants.add(Map.of("name", i == 0 ? "control" : "v" + i, "weight", weights[i]));
    }
    return Map.of("key", key, "name", "Landing page " + key, "subject", "LANDING_PAGE",
        "primary_metric", "registered", "guardrail_metrics", List.of("app_login"), "variants", variants);
  }

  @Test
  void refusesBadExperimentsNamingTheField() {
    var api = new ApiClient(port, tenants.create().apiKey());
    var weights = api.post("/api/v1/experiments", body("h5", 50, 40));
    assertThat(weights.status()).isEqualTo(422);
    assertThat(weights.code()).isEqualTo("weights-not-100");
    assertThat(weights.<List<Map<String, Object>>>get("errors")).extracting(m -> m.get("field")).containsExactly("variants");
    assertThat(api.post("/api/v1/experiments", body("h5", 60, 50)).code()).isEqualTo("weights-not-100");
    assertThat(api.post("/api/v1/experiments", body("h5", 100)).code()).isEqualTo("invalid-request");
    var badKey = api.post("/api/v1/experiments", body("Bad Key!", 50, 50));
    assertThat(badKey.<List<Map<String, Object>>>get("errors")).extracting(m -> m.get("field")).containsExactly("key");
    assertThat(api.post("/api/v1/experiments", null).status()).isEqualTo(422);
    assertThat(api.get("/api/v1/experiments").<List<?>>get("experiments")).isEmpty();

    assertThat(api.post("/api/v1/experiments", body("h5", 34, 33, 33)).status()).isEqualTo(201);
    assertThat(api.post("/api/v1/experiments", body("h5", 50, 50)).status()).isEqualTo(409);
    assertThat(api.post("/api/v1/experiments/h5/exposures", Map.of()).status()).isEqualTo(422);
    assertThat(api.post("/api/v1/experiments/nope/assignments", Map.of("customer_id", "c1")).status()).isEqualTo(404);
    assertThat(api.get("/api/v1/experiments/sample-size?baseline=0.1&minimum_effect=0.02").<Number>get("per_variant")
        .longValue()).isEqualTo(3841);
    assertThat(api.get("/api/v1/experiments/sample-size?baseline=0.99&minimum_effect=0.02").status()).isEqualTo(422);
  }

  @Test
  void assignmentIsStickyAndFollowsTheWeights() {
    var tenant = tenants.create();
    var api = new ApiClient(port, tenant.apiKey());
    assertThat(api.post("/api/v1/experiments", body("copy", 20, 80)).status()).isEqualTo(201);
    String first = api.post("/api/v1/experiments/copy/assignments", Map.of("customer_id", "c-42")).get("variant");
    for (int i = 0; i < 5; i++) {
      assertThat(api.post("/api/v1/experiments/copy/assignments", Map.of("customer_id", "c-42")).<String>get("variant"))
          .isEqualTo(first);
    }
    Experiment e = experiments.find(tenant.id(), "copy").orElseThrow();
    assertThat(first).as("a pure function of tenant, key and customer").isEqualTo(Experiments.variantFor(tenant.id(), e, "c-42"));
    for (int i = 0; i < 200; i++) {
      assertThat(experiments.assign(tenant.id(), "copy", "c" + i).orElseThrow())
          .isEqualTo(Experiments.variantFor(tenant.id(), e, "c" + i));
    }
    // the split itself on fixed tenant ids, so the check is deterministic: on a fresh tenant's id it
    // would fail for about one id in a thousand (the SRM threshold), whatever the hashing
    for (long tenantId : new long[] {1, 2, 3}) {
      long control = 0;
      for (int i = 0; i < 10_000; i++) {
        if (Experiments.variantFor(tenantId, e, "c" + i).equals("control")) {
          control++;
        }
      }
      assertThat(ExperimentStats.sampleRatioPValue(new long[] {control, 10_000 - control}, new int[] {20, 80}))
          .as("%d of 10 000 in the 20 %% control", control).isGreaterThan(ExperimentStats.SRM_THRESHOLD);
    }
  }

  @Test
  void exposuresAreRecordedOnceAndConversionsCountOnlyAfterExposure() {
    var tenant = tenants.create();
    var api = new ApiClient(port, tenant.apiKey());
    api.post("/api/v1/experiments", body("page", 50, 50));
    Instant t0 = clock.instant();
    ingest(tenant.id(), "before-a", "a", "registered", t0.minusSeconds(60));

    var first = api.post("/api/v1/experiments/page/exposures", Map.of("customer_id", "a"));
    assertThat(first.status()).isEqualTo(201);
    assertThat(first.<Boolean>get("recorded")).isTrue();
    clock.advance(Duration.ofMinutes(5));
    var again = api.post("/api/v1/experiments/page/exposures", Map.of("customer_id", "a"));
    assertThat(again.status()).isEqualTo(200);
    assertThat(again.<Boolean>get("recorded")).isFalse();
    assertThat(again.<String>get("exposed_at")).isEqualTo(first.get("exposed_at"));
    api.post("/api/v1/experiments/page/exposures", Map.of("customer_id", "b"));

    var empty = experiments.results(tenant.id(), "page").orElseThrow();
    assertThat(empty.variants().stream().mapToLong(v -> v.exposed()).sum()).isEqualTo(2);
    assertThat(empty.variants()).allSatisfy(v -> assertThat(v.rates().get("registered").conversions()).isZero());

    Instant later = clock.instant().plusSeconds(10);
    ingest(tenant.id(), "after-a", "a", "registered", later);
    ingest(tenant.id(), "after-a-2", "a", "registered", later.plusSeconds(1));
    ingest(tenant.id(), "login-b", "b", "app_login", later);
    ingest(tenant.id(), "never-exposed", "z", "registered", later);

    var r = experiments.results(tenant.id(), "page").orElseThrow();
    String va = experiments.assign(tenant.id(), "page", "a").orElseThrow();
    String vb = experiments.assign(tenant.id(), "page", "b").orElseThrow();
    long registered = r.variants().stream().mapToLong(v -> v.rates().get("registered").conversions()).sum();
    assertThat(registered).as("once per exposed customer, after exposure").isEqualTo(1);
    assertThat(r.variants().stream().filter(v -> v.name().equals(va)).findFirst().orElseThrow()
        .rates().get("registered").conversions()).isEqualTo(1);
    assertThat(r.variants().stream().filter(v -> v.name().equals(vb)).findFirst().orElseThrow()
        .rates().get("app_login").conversions()).isEqualTo(1);
    assertThat(api.get("/api/v1/experiments/page/results").<List<?>>get("variants")).hasSize(2);
  }

  @Test
  void unevenExposuresRaiseTheSampleRatioWarning() {
    var tenant = tenants.create();
    var api = new ApiClient(port, tenant.apiKey());
    api.post("/api/v1/experiments", body("srm", 50, 50));
    int exposed = 0;
    for (int i = 0; exposed < 200; i++) {
      // a broken integration that only ever exposes the control
      if (experiments.assign(tenant.id(), "srm", "s" + i).orElseThrow().equals("control") || i % 10 == 0) {
        experiments.expose(tenant.id(), "srm", "s" + i);
        exposed++;
      }
    }
    var results = api.get("/api/v1/experiments/srm/results");
    assertThat(results.<Boolean>get("sample_ratio_mismatch")).isTrue();
    assertThat(results.<Number>get("sample_ratio_p_value").doubleValue()).isLessThan(0.001);
  }

  @Test
  void racingExposuresOfOneCustomerRecordExactlyOne() throws Exception {
    var tenant = tenants.create();
    new ApiClient(port, tenant.apiKey()).post("/api/v1/experiments", body("race", 50, 50));
    int threads = 8;
    var start = new java.util.concurrent.CountDownLatch(1);
    var pool = java.util.concurrent.Executors.newFixedThreadPool(threads);
    try {
      List<java.util.concurrent.Future<Exposure>> futures = new java.util.ArrayList<>();
      for (int i = 0; i < threads; i++) {
        futures.add(pool.submit(() -> {
          start.await();
          return experiments.expose(tenant.id(), "race", "racer").orElseThrow();
        }));
      }
      start.countDown();
      List<Exposure> all = new java.util.ArrayList<>();
      for (var f : futures) {
        all.add(f.get());
      }
      assertThat(all).filteredOn(Exposure::recorded).hasSize(1);
      assertThat(all).extracting(Exposure::exposedAt).containsOnly(all.getFirst().exposedAt());
      assertThat(experiments.results(tenant.id(), "race").orElseThrow().variants().stream()
          .mapToLong(v -> v.exposed()).sum()).isEqualTo(1);
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void aLateExposureCountsTheStoredEventsAfterItOnly() {
    var tenant = tenants.create();
    var api = new ApiClient(port, tenant.apiKey());
    api.post("/api/v1/experiments", body("late", 50, 50));
    Instant created = clock.instant();
    clock.advance(Duration.ofHours(2));
    ingest(tenant.id(), "l-before", "late-1", "registered", created.plusSeconds(60));
    ingest(tenant.id(), "l-after", "late-2", "registered", created.plus(Duration.ofMinutes(90)));
    String seen = created.plus(Duration.ofHours(1)).toString();
    assertThat(api.post("/api/v1/experiments/late/exposures", Map.of("customer_id", "late-1", "exposed_at", seen))
        .status()).isEqualTo(201);
    assertThat(api.post("/api/v1/experiments/late/exposures", Map.of("customer_id", "late-2", "exposed_at", seen))
        .status()).isEqualTo(201);
    var r = experiments.results(tenant.id(), "late").orElseThrow();
    assertThat(r.variants().stream().mapToLong(v -> v.rates().get("registered").conversions()).sum())
        .as("late-2 registered after the exposure, late-1 before it").isEqualTo(1);
    String converted = experiments.assign(tenant.id(), "late", "late-2").orElseThrow();
    assertThat(r.variants()).filteredOn(v -> v.name().equals(converted)).singleElement()
        .satisfies(v -> assertThat(v.rates().get("registered").conversions()).isEqualTo(1));

    var future = api.post("/api/v1/experiments/late/exposures",
        Map.of("customer_id", "late-3", "exposed_at", clock.instant().plus(Duration.ofHours(1)).toString()));
    assertThat(future.status()).isEqualTo(422);
    assertThat(future.<List<Map<String, Object>>>get("errors")).extracting(m -> m.get("field")).containsExactly("exposed_at");
    assertThat(api.post("/api/v1/experiments/late/exposures", Map.of("customer_id", "late-3", "exposed_at",
        created.minusSeconds(1).toString())).status()).isEqualTo(422);
    assertThat(api.post("/api/v1/experiments/late/exposures", Map.of("customer_id", "late-3", "exposed_at", "yesterday"))
        .status()).isEqualTo(422);
  }

  private void ingest(long tenantId, String id, String customer, String type, Instant at) {
    assertThat(ingestion.ingest(tenantId, IncomingEvent.of(id, customer, type, at, Map.of())))
        .isInstanceOf(IngestionResult.Accepted.class);
  }
}
