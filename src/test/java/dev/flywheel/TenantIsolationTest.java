package dev.flywheel;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flywheel.support.RunningFlywheel;
import dev.flywheel.support.TestTenants;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * One place that proves the tenant wall: tenant A's API key can neither read nor change tenant
 * B's customers, events or segments, and gets 404 (not 403) so that existence does not leak.
 */
@RunningFlywheel
class TenantIsolationTest {
  private final HttpClient http = HttpClient.newHttpClient();
  @Autowired TestTenants tenants;
  @LocalServerPort int port;

  @Test
  void tenantAsKeyCannotSeeOrTouchTenantBsData() throws Exception {
    var a = tenants.create();
    var b = tenants.create();
    assertThat(call(b.apiKey(), "PUT", "/api/v1/customers/B-1",
        "{\"name\":\"李四\",\"phone\":\"13900001111\",\"tags\":[\"loan\"]}").statusCode()).isEqualTo(201);
    assertThat(call(b.apiKey(), "POST", "/api/v1/events", """
        {"event_id":"b-evt-1","customer_id":"B-1","type":"app_login","occurred_at":"2026-01-05T10:00:00+08:00"}
        """).statusCode()).isEqualTo(201);
    var segment = call(b.apiKey(), "POST", "/api/v1/segments", "{\"name\":\"b-only\",\"expression\":\"'loan' in tags\"}");
    assertThat(segment.statusCode()).isEqualTo(201);
    String segmentId = segment.body().replaceAll("(?s).*\"id\"\\s*:\\s*(\\d+).*", "$1");

    // reads: 404, never 403, never B's data
    for (String path : new String[] {"/api/v1/customers/B-1", "/api/v1/customers/B-1/stage-history",
        "/api/v1/events/b-evt-1", "/api/v1/segments/" + segmentId, "/api/v1/segments/" + segmentId + "/members"}) {
      var response = call(a.apiKey(), "GET", path, null);
      assertThat(response.statusCode()).as(path).isEqualTo(404);
      assertThat(response.body()).as(path).contains("\"code\":\"not-found\"").doesNotContain("\"tags\"").doesNotContain("app_login");
    }
    assertThat(call(a.apiKey(), "GET", "/api/v1/customers/B-1/events", null).body()).doesNotContain("b-evt-1");

    // changes: refused with 404, or land in A's own space without touching B
    assertThat(call(a.apiKey(), "POST", "/api/v1/customers/B-1/tags", "{\"tag\":\"hacked\"}").statusCode()).isEqualTo(404);
    assertThat(call(a.apiKey(), "PUT", "/api/v1/customers/B-1/consent/sms", "{\"granted\":false}").statusCode()).isEqualTo(404);
    assertThat(call(a.apiKey(), "PUT", "/api/v1/customers/B-1", "{\"name\":\"王五\",\"tags\":[\"hacked\"]}").statusCode())
        .as("A's PUT creates A's own customer B-1").isEqualTo(201);
    assertThat(call(a.apiKey(), "POST", "/api/v1/events", """
        {"event_id":"b-evt-1","customer_id":"B-1","type":"app_login","occurred_at":"2026-01-05T11:00:00+08:00"}
        """).statusCode()).as("the same event id is A's own new event").isEqualTo(201);

    var bsCustomer = call(b.apiKey(), "GET", "/api/v1/customers/B-1", null).body();
    assertThat(bsCustomer).contains("\"loan\"").doesNotContain("hacked");
    assertThat(bsCustomer).contains("\"sms\":{\"granted\":true");
    assertThat(call(b.apiKey(), "GET", "/api/v1/events/b-evt-1", null).body()).contains("2026-01-05T02:00:00Z");
  }

  private HttpResponse<String> call(String key, String method, String path, String json) throws Exception {
    var request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
        .header("Authorization", "Bearer " + key).header("Content-Type", "application/json")
        .method(method, json == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(json))
        .build();
    return http.send(request, HttpResponse.BodyHandlers.ofString());
  }
}
