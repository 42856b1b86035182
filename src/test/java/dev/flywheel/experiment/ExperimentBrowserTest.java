package dev.flywheel.experiment;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flywheel.platform.security.Role;
import dev.flywheel.platform.time.MovableClock;
import dev.flywheel.support.ApiClient;
import dev.flywheel.support.Browser;
import dev.flywheel.support.RunningFlywheel;
import dev.flywheel.support.TestTenants;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * In Debian's headless Chromium: an operator creates an A/B experiment in the console (weights not
 * summing to 100 % are refused first); exposures and conversions arrive over the API, skewed so
 * that the treatment is under-exposed; the results page shows each variant's conversion rate with
 * its interval and the sample-ratio-mismatch warning; the operator asks to stop early and a
 * different APPROVER signs it off.
 */
@RunningFlywheel
@EnabledIfSystemProperty(named = "flywheel.browser-tests", matches = "true")
class ExperimentBrowserTest {
  @Autowired TestTenants tenants;
  @Autowired MovableClock clock;
  @LocalServerPort int port;
  WebDriver driver;

  @AfterEach
  void quit() {
    if (driver != null) {
      driver.quit();
    }
  }

  @Test
  void anOperatorRunsAnAbTestAndAnApproverSignsOffTheEarlyStop() {
    TestTenants.TestTenant tenant = tenants.create();
    ApiClient api = new ApiClient(port, tenant.apiKey());
    driver = Browser.start("en");
    WebDriverWait wait = new WebDriverWait(driver, Duration.ofSeconds(20));
    String base = "http://localhost:" + port;
    login(wait, base, tenant.user(Role.OPERATOR));
    driver.findElement(By.cssSelector(".sidebar a[href='/console/experiments']")).click();
    create(wait, "control:60\ntreatment:50");
    assertThat(wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("experiment-error"))).getText())
        .isEqualTo("The variant weights must sum to 100 %.");
    create(wait, "control:50\ntreatment:50");
    wait.until(ExpectedConditions.urlMatches("/console/experiments/h5-form$"));
    assertThat(driver.findElement(By.id("experiment-status")).getText()).isEqualTo("Running");

    // every control customer is exposed, only every third treatment customer: a skew the SRM check must see
    Map<String, List<String>> exposed = new HashMap<>();
    for (int i = 0; i < 240; i++) {
      String customer = "visitor-" + i;
      var assigned = api.post("/api/v1/experiments/h5-form/assignments", Map.of("customer_id", customer));
      assertThat(assigned.status()).isEqualTo(200);
      String variant = assigned.get("variant");
      List<String> mine = exposed.computeIfAbsent(variant, v -> new ArrayList<>());
      if (variant.equals("control") || i % 3 == 0) {
        assertThat(api.post("/api/v1/experiments/h5-form/exposures", Map.of("customer_id", customer)).status())
            .isEqualTo(201);
        mine.add(customer);
      }
    }
    clock.advance(Duration.ofMinutes(1));
    Map<String, Integer> converted = new HashMap<>();
    List<Map<String, Object>> events = new ArrayList<>();
    exposed.forEach((variant, customers) -> {
      int every = variant.equals("control") ? 5 : 2;
      for (int i = 0; i < customers.size(); i += every) {
        events.add(Map.of("event_id", "reg-" + customers.get(i), "customer_id", customers.get(i), "type", "registered",
            "occurred_at", clock.instant().toString(), "attributes", Map.of("platform", "h5")));
        converted.merge(variant, 1, Integer::sum);
      }
    });
    assertThat(api.post("/api/v1/events/batch", Map.of("events", events)).status()).isEqualTo(200);

    driver.navigate().refresh();
    WebElement srm = wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("srm-warning")));
    assertThat(srm.getText()).startsWith("Sample ratio mismatch");
    for (String variant : List.of("control", "treatment")) {
      List<WebElement> cells = driver.findElements(
          By.cssSelector("#metric-registered tr[data-variant='" + variant + "'] td"));
      assertThat(cells.get(2).getText()).as("exposed").isEqualTo(String.valueOf(exposed.get(variant).size()));
      assertThat(cells.get(3).getText()).as("converted").isEqualTo(String.valueOf(converted.get(variant)));
      assertThat(cells.get(4).getText()).as("rate with its interval").matches("[\\d.]+% \\([\\d.]+% – [\\d.]+%\\)");
    }
    assertThat(driver.findElement(By.cssSelector("#metric-registered tr[data-variant='treatment'] td:nth-child(6)"))
        .getText()).as("difference vs control with its interval").matches("-?[\\d.]+% \\(-?[\\d.]+% – -?[\\d.]+%\\)");

    driver.findElement(By.name("reason")).sendKeys("Treatment clearly wins; ship it");
    driver.findElement(By.id("request-stop")).click();
    wait.until(ExpectedConditions.textToBe(By.id("experiment-status"), "Stop requested"));
    assertThat(driver.findElements(By.id("approve-stop"))).as("an operator cannot sign off").isEmpty();

    driver.manage().deleteAllCookies();
    login(wait, base, tenant.user(Role.APPROVER));
    driver.get(base + "/console/experiments/h5-form");
    assertThat(driver.findElement(By.id("stop")).getText()).contains("Treatment clearly wins; ship it");
    driver.findElement(By.id("approve-stop")).click();
    wait.until(ExpectedConditions.textToBe(By.id("experiment-status"), "Stopped"));
    assertThat(api.get("/api/v1/experiments/h5-form").<String>get("status")).isEqualTo("STOPPED");
  }

  private void login(WebDriverWait wait, String base, String user) {
    driver.get(base + "/login?lang=en");
    driver.findElement(By.id("username")).sendKeys(user);
    driver.findElement(By.id("password")).sendKeys(TestTenants.PASSWORD);
    driver.findElement(By.id("sign-in")).click();
    wait.until(ExpectedConditions.presenceOfElementLocated(By.id("dashboard")));
  }

  private void create(WebDriverWait wait, String variants) {
    WebElement form = wait.until(ExpectedConditions.presenceOfElementLocated(By.id("new-experiment")));
    form.findElement(By.name("key")).sendKeys("h5-form");
    form.findElement(By.name("name")).sendKeys("Short H5 form");
    new Select(form.findElement(By.name("subject"))).selectByValue("LANDING_PAGE");
    form.findElement(By.name("primary_metric")).sendKeys("registered");
    WebElement weights = form.findElement(By.name("variants"));
    weights.clear();
    weights.sendKeys(variants);
    form.findElement(By.id("create-experiment")).click();
  }
}
