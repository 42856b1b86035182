package dev.flywheel.platform.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flywheel.support.RunningFlywheel;
import dev.flywheel.support.TestTenants;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationHandler;
import io.micrometer.observation.ObservationRegistry;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.server.observation.ServerRequestObservationContext;

/**
 * Every API request is still observed as {@code http.server.requests} (the timer; its meters are
 * capped at 100 URIs, so the test watches the observation itself), and that is the only
 * per-request instrumentation: no {@code .active} long-task timers, no Spring Security meters.
 */
@RunningFlywheel
class ApiRequestMetricsTest {
  private static final String MARKER_HEADER = "X-Flywheel-Test";
  @Autowired TestTenants tenants;
  @Autowired ObservationRegistry observations;
  @Autowired MeterRegistry meters;
  @LocalServerPort int port;

  @Test
  void apiRequestsAreObservedAsHttpServerRequestsOnly() throws Exception {
    String marker = "metrics-" + System.nanoTime();
    List<String> stopped = new CopyOnWriteArrayList<>();
    CountDownLatch fourStopped = new CountDownLatch(4);
    observations.observationConfig().observationHandler(new Marked(marker, stopped, fourStopped));
    String key = tenants.create().apiKey();
    HttpClient http = HttpClient.newHttpClient();

    for (int i = 0; i < 3; i++) {
      assertThat(whoami(http, key, marker).statusCode()).isEqualTo(200);
    }
    assertThat(whoami(http, "fw_wrong_key", marker).statusCode()).isEqualTo(401);

    // the observation stops after the answer is on its way: wait for it, not for a time
    assertThat(fourStopped.await(30, TimeUnit.SECONDS)).isTrue();
    assertThat(stopped).containsExactlyInAnyOrder("http.server.requests 200", "http.server.requests 200",
        "http.server.requests 200", "http.server.requests 401");
    assertThat(meters.find("http.server.requests.active").meters()).isEmpty();
    assertThat(meters.getMeters()).noneMatch(m -> m.getId().getName().startsWith("spring.security"));
  }

  private HttpResponse<String> whoami(HttpClient http, String key, String marker) throws Exception {
    return http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/api/v1/whoami"))
        .header("Authorization", "Bearer " + key).header(MARKER_HEADER, marker).GET().build(),
        HttpResponse.BodyHandlers.ofString());
  }

  /** Notes the name and status of observations of requests carrying this test's marker. */
  private record Marked(String marker, List<String> stopped, CountDownLatch latch)
      implements ObservationHandler<ServerRequestObservationContext> {

    @Override
    public boolean supportsContext(Observation.Context context) {
      return context instanceof ServerRequestObservationContext request
          && marker.equals(request.getCarrier().getHeader(MARKER_HEADER));
    }

    @Override
    public void onStop(ServerRequestObservationContext context) {
      stopped.add(context.getName() + " " + context.getResponse().getStatus());
      latch.countDown();
    }
  }
}
