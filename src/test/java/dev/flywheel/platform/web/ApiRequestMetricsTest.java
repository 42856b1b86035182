package dev.flywheel.platform.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flywheel.support.ApiClient;
import dev.flywheel.support.RunningFlywheel;
import dev.flywheel.support.TestTenants;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * Every API request is timed by {@code http.server.requests}, and that is the only per-request
 * instrumentation: no Spring Security observations, no {@code .active} long-task timers.
 */
@RunningFlywheel
class ApiRequestMetricsTest {
  @Autowired TestTenants tenants;
  @Autowired MeterRegistry meters;
  @LocalServerPort int port;

  @Test
  void apiRequestsAreTimedByHttpServerRequestsOnly() {
    var api = new ApiClient(port, tenants.create().apiKey());
    long before = count("200");
    long unauthorizedBefore = countUnauthorized();
    for (int i = 0; i < 3; i++) {
      assertThat(api.get("/api/v1/whoami").status()).isEqualTo(200);
    }
    assertThat(new ApiClient(port, "fw_wrong_key").get("/api/v1/whoami").status()).isEqualTo(401);

    assertThat(count("200") - before).isEqualTo(3);
    assertThat(countUnauthorized() - unauthorizedBefore).isEqualTo(1);
    assertThat(meters.find("http.server.requests.active").meters()).isEmpty();
    assertThat(meters.getMeters()).noneMatch(m -> m.getId().getName().startsWith("spring.security"));
  }

  private long count(String status) {
    Timer timer = meters.find("http.server.requests").tag("uri", "/api/v1/whoami").tag("status", status).timer();
    return timer == null ? 0 : timer.count();
  }

  private long countUnauthorized() {
    return meters.find("http.server.requests").tag("status", "401").timers().stream().mapToLong(Timer::count).sum();
  }
}
