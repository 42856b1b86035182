package dev.flywheel.analytics;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flywheel.event.EventIngestion;
import dev.flywheel.event.IncomingEvent;
import dev.flywheel.platform.time.MovableClock;
import dev.flywheel.support.ApiClient;
import dev.flywheel.support.RunningFlywheel;
import dev.flywheel.support.TestTenants;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/** CPA/CPS/fixed acquisition prices per channel and period, and what they make a channel cost. */
@RunningFlywheel
class ChannelPricesTest {
  @LocalServerPort int port;
  @Autowired TestTenants tenants;
  @Autowired EventIngestion ingestion;
  @Autowired MovableClock clock;

  @Test
  void pricesTurnIntoCostPerRegisteredAndPerFundedCustomer() {
    var tenant = tenants.create();
    var api = new ApiClient(port, tenant.apiKey());
    Instant t = clock.instant().minus(Duration.ofDays(5));
    LocalDate day = LocalDate.ofInstant(t, ZoneOffset.UTC);
    for (int i = 0; i < 5; i++) {
      String c = "P" + i;
      ingest(tenant.id(), "pv" + i, c, "page_view", t, Map.of("page", "landing"), "douyin");
      if (i < 4) {
        ingest(tenant.id(), "rg" + i, c, "registered", t.plusSeconds(60), Map.of(), null);
      }
      if (i < 2) {
        ingest(tenant.id(), "dd" + i, c, "drawdown", t.plusSeconds(600), Map.of("amount", new BigDecimal("1000.00")), null);
      }
    }
    ingest(tenant.id(), "wo0", "P0", "write_off", t.plusSeconds(7200), Map.of("loan_id", "P0-L1"), null);
    // 4 registrations × 20 + 2 funded × 100 + 300 fixed over 10 days, all inside the report's period
    assertThat(api.post("/api/v1/analytics/channels/prices", price("douyin", "CPA", day.minusDays(1), day.plusDays(1), "20"))
        .status()).isEqualTo(201);
    assertThat(api.post("/api/v1/analytics/channels/prices", price("douyin", "cps", day, day, "100")).status()).isEqualTo(201);
    assertThat(api.post("/api/v1/analytics/channels/prices", price("douyin", "FIXED", day.minusDays(2), day.plusDays(3), "300"))
        .status()).isEqualTo(201);
    assertThat(api.get("/api/v1/analytics/channels/prices").<List<?>>get("prices")).hasSize(3);

    var channel = api.get("/api/v1/analytics/channels?from=" + day.minusDays(2) + "&to=" + day.plusDays(3))
        .<List<Map<String, Object>>>get("channels").getFirst();
    assertThat(channel).containsEntry("channel", "douyin").containsEntry("acquired", 5).containsEntry("registered", 4)
        .containsEntry("funded", 2).containsEntry("bad_debt", 1).containsEntry("bad_debt_rate", 0.5);
    assertThat(new BigDecimal(channel.get("cost").toString())).isEqualByComparingTo("580");
    assertThat(new BigDecimal(channel.get("cost_per_funded").toString())).isEqualByComparingTo("290");
    assertThat(new BigDecimal(channel.get("cost_per_registered").toString())).isEqualByComparingTo("145");

    // a report over part of the fixed period gets its share of the fixed price (1 day of 6 = 50)
    var oneDay = api.get("/api/v1/analytics/channels?from=" + day + "&to=" + day).<List<Map<String, Object>>>get("channels")
        .getFirst();
    assertThat(new BigDecimal(oneDay.get("cost").toString())).isEqualByComparingTo("330");
  }

  @Test
  void badPricesAreProblemsNamingTheField() {
    var api = new ApiClient(port, tenants.create().apiKey());
    LocalDate d = LocalDate.of(2026, 6, 1);
    assertThat(api.post("/api/v1/analytics/channels/prices", price("douyin", "CPA", d, d.plusDays(29), "20")).status())
        .isEqualTo(201);
    var overlap = api.post("/api/v1/analytics/channels/prices", price("douyin", "CPA", d.plusDays(29), d.plusDays(40), "25"));
    assertThat(overlap.status()).isEqualTo(422);
    assertThat(overlap.code()).isEqualTo("overlapping-period");
    assertThat(overlap.<List<Map<String, Object>>>get("errors")).extracting(e -> e.get("field")).containsExactly("period_start");
    // another model over the same days is fine
    assertThat(api.post("/api/v1/analytics/channels/prices", price("douyin", "CPS", d, d.plusDays(29), "80")).status())
        .isEqualTo(201);
    var bad = api.post("/api/v1/analytics/channels/prices", price("", "CPC", d.plusDays(3), d, "-1"));
    assertThat(bad.status()).isEqualTo(422);
    assertThat(bad.<List<Map<String, Object>>>get("errors")).extracting(e -> e.get("field"))
        .containsExactly("channel", "model", "period_end", "price");
    var badDate = api.post("/api/v1/analytics/channels/prices", Map.of("channel", "x", "model", "CPA",
        "period_start", "June", "period_end", "2026-06-30", "price", 1));
    assertThat(badDate.code()).isEqualTo("invalid-date");
    long id = ((Number) api.get("/api/v1/analytics/channels/prices").<List<Map<String, Object>>>get("prices").getFirst()
        .get("id")).longValue();
    assertThat(api.delete("/api/v1/analytics/channels/prices/" + id).status()).isEqualTo(204);
    assertThat(api.delete("/api/v1/analytics/channels/prices/" + id).status()).isEqualTo(404);
  }

  private static Map<String, Object> price(String channel, String model, LocalDate start, LocalDate end, String price) {
    return Map.of("channel", channel, "model", model, "period_start", start.toString(), "period_end", end.toString(),
        "price", new BigDecimal(price));
  }

  private void ingest(long tenant, String id, String customer, String type, Instant at, Map<String, Object> attributes,
      String channel) {
    ingestion.ingest(tenant, new IncomingEvent(id, customer, type, at, attributes, channel, null));
  }
}
