package dev.flywheel.journey;

import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetupTest;
import dev.flywheel.event.EventIngestion;
import dev.flywheel.event.IncomingEvent;
import dev.flywheel.platform.security.Role;
import dev.flywheel.platform.time.MovableClock;
import dev.flywheel.reach.Channel;
import dev.flywheel.reach.MessageTemplate;
import dev.flywheel.reach.MessageTemplates;
import dev.flywheel.reach.delivery.send.Attempts;
import dev.flywheel.reach.plan.Dispatcher;
import dev.flywheel.support.ApiClient;
import dev.flywheel.support.Browser;
import dev.flywheel.support.RunningFlywheel;
import dev.flywheel.support.TestTenants;
import jakarta.mail.internet.MimeMessage;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * In Debian's headless Chromium: an operator builds the stalled-application-step journey from its
 * template form (e-mail, day 1 and 2), publishes it; simulated customers stall at the bank-card
 * step; the clock moves a day; the day-1 e-mails arrive in GreenMail over real SMTP; the report
 * page shows the entries and its funnel chart.
 */
@RunningFlywheel
@EnabledIfSystemProperty(named = "flywheel.browser-tests", matches = "true")
class JourneyBrowserTest {
  @RegisterExtension
  static final GreenMailExtension MAIL = new GreenMailExtension(ServerSetupTest.SMTP.dynamicPort());
  @Autowired TestTenants tenants;
  @Autowired Journeys journeys;
  @Autowired EventIngestion events;
  @Autowired MessageTemplates templates;
  @Autowired Dispatcher dispatcher;
  @Autowired Attempts attempts;
  @Autowired MovableClock clock;
  @LocalServerPort int port;
  WebDriver driver;

  @AfterEach
  void quit() {
    if (driver != null) {
      driver.quit();
    }
  }

  private void event(long tenant, String customer, String type, Map<String, Object> attributes) {
    events.ingest(tenant, IncomingEvent.of(UUID.randomUUID().toString(), customer, type, clock.instant(), attributes));
  }

  @Test
  void anOperatorBuildsTheStalledStepJourneyAndCustomersGetTheDayOneMail() throws Exception {
    TestTenants.TestTenant tenant = tenants.create();
    ApiClient api = new ApiClient(port, tenant.apiKey());
    assertThat(api.put("/api/v1/reach/providers/email", Map.of("name", "mailer",
        "smtp", Map.of("host", "127.0.0.1", "port", MAIL.getSmtp().getPort(), "from", "loans@example.com")))
        .status()).isEqualTo(201);
    List<String> customers = List.of("stall-1", "stall-2");
    for (String id : customers) {
      assertThat(api.put("/api/v1/customers/" + id, Map.of("name", "Zhang Wei", "email", id + "@example.com",
          // reach's planning looks for attributes.email, its delivery for the profile's email (see the report)
          "attributes", Map.of("email", id + "@example.com")))
          .status()).isBetween(200, 201);
    }
    for (int day = 1; day <= 2; day++) {
      templates.save(tenant.id(), new MessageTemplate.Draft("stall-mail-" + day, Channel.EMAIL, false, null,
          List.of(new MessageTemplate.Variant("caring", 1, "Finish your application (day " + day + ")",
              "Add your ${value.step} to get your credit line."))), "test");
    }

    driver = Browser.start("en");
    WebDriverWait wait = new WebDriverWait(driver, Duration.ofSeconds(20));
    String base = "http://localhost:" + port;
    driver.get(base + "/login?lang=en");
    driver.findElement(By.id("username")).sendKeys(tenant.user(Role.OPERATOR));
    driver.findElement(By.id("password")).sendKeys(TestTenants.PASSWORD);
    driver.findElement(By.id("sign-in")).click();
    wait.until(ExpectedConditions.presenceOfElementLocated(By.id("dashboard")));
    driver.findElement(By.cssSelector(".sidebar a[href='/console/journeys']")).click();
    wait.until(ExpectedConditions.elementToBeClickable(By.id("new-journey"))).click();
    wait.until(ExpectedConditions.elementToBeClickable(By.id("journey-template-stalled-application-step"))).click();
    fill(wait, "param-name", "Bank card e-mails");
    fill(wait, "param-channels", "EMAIL");
    fill(wait, "param-days", "1,2");
    fill(wait, "param-templates", "stall-mail-1,stall-mail-2");
    driver.findElement(By.id("create-journey")).click();
    wait.until(ExpectedConditions.urlMatches("/console/journeys/\\d+$"));
    assertThat(driver.findElement(By.id("step-day-2")).getText()).contains("stall-mail-2", "EMAIL");
    driver.findElement(By.id("publish-journey")).click();
    wait.until(ExpectedConditions.textToBe(By.id("journey-status"), "Active"));
    String url = driver.getCurrentUrl();
    long journey = Long.parseLong(url.substring(url.lastIndexOf('/') + 1));

    for (String id : customers) {
      event(tenant.id(), id, "registered", Map.of("platform", "app"));
      event(tenant.id(), id, "app_login", Map.of());
      event(tenant.id(), id, "application_step", Map.of("step", "basic_info"));
      event(tenant.id(), id, "application_step", Map.of("step", "id_verification"));
    }
    journeys.runDue();
    clock.advance(Duration.ofDays(1));
    journeys.runDue();
    dispatcher.dispatchDue();
    attempts.runDue(tenant.id(), 10);

    assertThat(MAIL.waitForIncomingEmail(10_000, 2)).isTrue();
    MimeMessage[] received = MAIL.getReceivedMessages();
    assertThat(Arrays.stream(received).map(this::to)).containsExactlyInAnyOrder("stall-1@example.com",
        "stall-2@example.com");
    assertThat(received[0].getSubject()).isEqualTo("Finish your application (day 1)");
    assertThat(dev.flywheel.reach.delivery.MailParts.text(received[0])).contains("Add your bank_card");

    driver.get(base + "/console/journeys/" + journey + "/report");
    wait.until(ExpectedConditions.presenceOfElementLocated(
        By.cssSelector("#chart-journey-funnel[data-rendered='true'] canvas")));
    assertThat(driver.findElement(By.id("report-entered")).getText()).isEqualTo("2");
    WebElement dayOne = driver.findElement(By.id("report-step-v1-day-1"));
    assertThat(dayOne.findElements(By.tagName("td")).get(5).getText()).isEqualTo("2");
  }

  private String to(MimeMessage message) {
    try {
      return message.getAllRecipients()[0].toString();
    } catch (jakarta.mail.MessagingException e) {
      throw new IllegalStateException(e);
    }
  }

  private void fill(WebDriverWait wait, String id, String value) {
    WebElement field = wait.until(ExpectedConditions.elementToBeClickable(By.id(id)));
    field.clear();
    field.sendKeys(value);
  }
}
