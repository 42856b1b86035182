package dev.flywheel.fission;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flywheel.event.EventIngestion;
import dev.flywheel.platform.customersession.CustomerSessions;
import dev.flywheel.platform.time.MovableClock;
import dev.flywheel.support.ApiClient;
import dev.flywheel.support.RunningFlywheel;
import dev.flywheel.support.TestTenants;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/** Lottery and fission H5 pages opened with an expired, forged or missing session show a kind page, not JSON. */
@RunningFlywheel
class ExpiredSessionPageTest {
  private static final HttpClient HTTP = HttpClient.newHttpClient();
  @Autowired TestTenants tenants;
  @Autowired CustomerSessions sessions;
  @Autowired Activities activities;
  @Autowired Tasks tasks;
  @Autowired EventIngestion events;
  @Autowired MovableClock clock;
  @LocalServerPort int port;

  @Test
  void anExpiredSessionAsksTheCustomerToReopenThePageFromTheAppInTheirLanguage() throws Exception {
    var tenant = tenants.create();
    Activity activity = new FissionFixtures(activities, tasks, events, clock).running(tenant.id(), 2, false, true);
    String token = sessions.issue(tenant.id(), "c-1", Duration.ofMinutes(10)).token();
    String fission = "/h5/fission/activities/" + activity.id();
    assertThat(get(fission + "?lang=en&token=" + token, null).statusCode()).as("valid session").isEqualTo(200);

    clock.advance(Duration.ofMinutes(11));
    for (String page : List.of(fission, "/h5/lotteries/1", "/h5/fission/help?invite=x")) {
      String sep = page.contains("?") ? "&" : "?";
      HttpResponse<String> en = get(page + sep + "lang=en&token=" + token, null);
      assertThat(en.statusCode()).as(page).isEqualTo(401);
      assertThat(en.headers().firstValue("Content-Type").orElseThrow()).startsWith("text/html");
      assertThat(en.body()).contains("lang=\"en\"").contains("data-code=\"session-expired\"")
          .contains("Go back to the app and open the activity again").contains("width=device-width")
          .doesNotContain("\"code\"");
      HttpResponse<String> zh = get(page + sep + "lang=zh-CN&token=" + token, null);
      assertThat(zh.statusCode()).isEqualTo(401);
      assertThat(zh.body()).contains("lang=\"zh-CN\"").contains("请返回 App 重新打开活动页面");
    }
    assertThat(get(fission + "?token=" + token, "zh-CN,zh;q=0.9").body()).as("Accept-Language")
        .contains("请重新打开本页");
    assertThat(get(fission + "?token=forged." + token, null).body()).contains("data-code=\"invalid-session\"")
        .contains("Please reopen this page");
    HttpResponse<String> none = get(fission, "en");
    assertThat(none.statusCode()).as("no token").isEqualTo(401);
    assertThat(none.body()).contains("data-code=\"invalid-session\"").contains("Please reopen this page");

    // the customer API keeps its problem details
    var api = new ApiClient(port, token).get("/api/v1/customer/fission/activities/" + activity.id());
    assertThat(api.status()).isEqualTo(401);
    assertThat(api.code()).isEqualTo("session-expired");
    assertThat(get("/h5/assets/fission/fission.css", null).statusCode()).as("assets stay public").isEqualTo(200);
  }

  private HttpResponse<String> get(String path, String acceptLanguage) throws Exception {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path));
    if (acceptLanguage != null) {
      request.header("Accept-Language", acceptLanguage);
    }
    return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }
}
