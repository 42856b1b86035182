package dev.flywheel.console;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flywheel.customer.Segments;
import dev.flywheel.platform.security.Role;
import dev.flywheel.platform.time.MovableClock;
import dev.flywheel.simulator.Simulation;
import dev.flywheel.simulator.SimulationPlan;
import dev.flywheel.support.Browser;
import dev.flywheel.support.RunningFlywheel;
import dev.flywheel.support.TestTenants;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * In Chromium: an operator builds the loan funnel by acquisition channel on simulator data, sees
 * the chart drawn, clicks a drop-off step of a channel and lands on the new segment, whose members
 * are exactly the customers who dropped there.
 */
@RunningFlywheel
@EnabledIfSystemProperty(named = "flywheel.browser-tests", matches = "true")
class AnalyticsBrowserTest {
  @Autowired TestTenants tenants;
  @Autowired Simulation simulation;
  @Autowired Segments segments;
  @Autowired dev.flywheel.analytics.Funnels funnels;
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
  void theLoanFunnelByChannelAndOneClickFromADropOffToASegment() {
    var tenant = tenants.create();
    simulation.run(tenant.id(), new SimulationPlan(2, 300, 60, clock.instant(), "BR"));
    driver = Browser.start("en");
    driver.manage().window().setSize(new Dimension(1400, 1300));
    var wait = new WebDriverWait(driver, Duration.ofSeconds(20));
    String base = "http://localhost:" + port;
    driver.get(base + "/login?lang=en");
    driver.findElement(By.id("username")).sendKeys(tenant.user(Role.OPERATOR));
    driver.findElement(By.id("password")).sendKeys(TestTenants.PASSWORD);
    driver.findElement(By.id("sign-in")).click();
    wait.until(ExpectedConditions.presenceOfElementLocated(By.id("dashboard")));

    driver.findElement(By.cssSelector(".sidebar a[href='/console/analytics/funnels']")).click();
    new Select(wait.until(ExpectedConditions.elementToBeClickable(By.id("funnel-breakdown")))).selectByValue("CHANNEL");
    Browser.clickAndAwaitNewPage(driver, driver.findElement(By.id("funnel-run")), wait);
    wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#chart-funnel[data-rendered='true'] canvas")));
    assertThat(new Select(driver.findElement(By.id("funnel-breakdown"))).getFirstSelectedOption().getAttribute("value"))
        .isEqualTo("CHANNEL");
    var firstRow = driver.findElement(By.cssSelector("#funnel-table tbody tr"));
    String group = firstRow.getAttribute("data-group");
    // the registration step (2) of the largest channel
    firstRow.findElements(By.cssSelector("button.drop-off")).getFirst().click();
    wait.until(ExpectedConditions.urlMatches("/console/segments/\\d+$"));
    long id = Long.parseLong(driver.getCurrentUrl().replaceAll(".*/", ""));
    var segment = segments.find(tenant.id(), id).orElseThrow();
    assertThat(segment.name()).contains("registered", group);
    var definition = new dev.flywheel.analytics.FunnelDefinition(dev.flywheel.analytics.FunnelDefinition.LOAN_FUNNEL,
        Duration.ofDays(30), clock.instant().minus(Duration.ofDays(90)), clock.instant(), dev.flywheel.analytics.Breakdown.CHANNEL);
    var dropped = funnels.droppedAt(tenant.id(), definition, 2, group);
    assertThat(dropped).isNotEmpty();
    assertThat(segments.members(tenant.id(), id, 0, 1000).customerIds()).containsExactlyInAnyOrderElementsOf(dropped);
  }
}
