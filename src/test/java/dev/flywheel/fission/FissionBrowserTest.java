package dev.flywheel.fission;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flywheel.customer.Customers;
import dev.flywheel.event.EventIngestion;
import dev.flywheel.ledger.Asset;
import dev.flywheel.ledger.Ledger;
import dev.flywheel.ledger.LedgerInvariants;
import dev.flywheel.platform.customersession.CustomerSessions;
import dev.flywheel.platform.time.MovableClock;
import dev.flywheel.support.Browser;
import dev.flywheel.support.RunningFlywheel;
import dev.flywheel.support.TestTenants;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WindowType;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * On a 375 px phone screen: a customer starts a task and sees their poster; in another tab
 * helpers open the invite — one helps, helps again (refused as a duplicate), an old customer is
 * refused as not new, a second new customer helps — and the owner's progress bar moves live
 * (SSE) to N; the reward is redeemed from the page.
 */
@RunningFlywheel
@EnabledIfSystemProperty(named = "flywheel.browser-tests", matches = "true")
class FissionBrowserTest {
  @Autowired TestTenants tenants;
  @Autowired Activities activities;
  @Autowired Tasks tasks;
  @Autowired Customers customers;
  @Autowired EventIngestion events;
  @Autowired CustomerSessions sessions;
  @Autowired Ledger ledger;
  @Autowired MovableClock clock;
  @Autowired JdbcClient jdbc;
  @LocalServerPort int port;
  WebDriver driver;

  @AfterEach
  void quit() {
    if (driver != null) {
      driver.quit();
    }
    LedgerInvariants.assertHold(jdbc);
  }

  @Test
  void aCustomerIsHelpedToNAndRedeems() {
    long tenant = tenants.create().id();
    tenantId = tenant;
    customers.saveProfile(tenant, "old-friend", Map.of("name", "Old friend"));
    clock.advance(Duration.ofMinutes(2));
    FissionFixtures fx = new FissionFixtures(activities, tasks, events, clock);
    Activity a = fx.running(tenant, 2, true, true);
    fx.register(tenant, "new-1");
    fx.register(tenant, "new-2");

    driver = Browser.start("en");
    driver.manage().window().setSize(new Dimension(375, 812));
    WebDriverWait wait = new WebDriverWait(driver, Duration.ofSeconds(20));
    driver.get(url("/h5/fission/activities/" + a.id(), "owner"));
    wait.until(ExpectedConditions.elementToBeClickable(By.id("start-task"))).click();
    wait.until(ExpectedConditions.presenceOfElementLocated(By.id("progress-card")));
    String owner = driver.getWindowHandle();
    String invite = driver.findElement(By.id("invite-url")).getAttribute("value");
    wait.until(d -> (Boolean) ((JavascriptExecutor) d).executeScript(
        "var i = document.getElementById('poster'); return i.complete && i.naturalWidth > 0;"));
    Object width = ((JavascriptExecutor) driver).executeScript("return document.documentElement.scrollWidth");
    assertThat(((Number) width).intValue()).as("no horizontal scrolling at 375 px").isLessThanOrEqualTo(375);

    driver.switchTo().newWindow(WindowType.TAB);
    assertThat(helpAs(wait, invite, "new-1")).isEqualTo("Thank you! Your help counts.");
    assertThat(helpAs(wait, invite, "new-1")).isEqualTo("You already helped this friend. Thank you!");
    assertThat(helpAs(wait, invite, "old-friend")).contains("new customers as helpers only");

    driver.switchTo().window(owner);
    wait.until(ExpectedConditions.textToBe(By.id("helps"), "1"));
    driver.switchTo().window(driver.getWindowHandles().stream().filter(h -> !h.equals(owner)).findFirst().orElseThrow());
    assertThat(helpAs(wait, invite, "new-2")).isEqualTo("Thank you! Your help counts.");
    driver.switchTo().window(owner);
    wait.until(ExpectedConditions.textToBe(By.id("helps"), "2"));
    wait.until(ExpectedConditions.elementToBeClickable(By.id("redeem"))).click();
    wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("result"), "Reward redeemed"));
    assertThat(ledger.wallet(tenant, "owner").balances().get(Asset.POINTS).available()).isEqualTo(100);
  }

  private String helpAs(WebDriverWait wait, String invite, String helper) {
    String token = sessions.issue(tenantId, helper, Duration.ofMinutes(30)).token();
    driver.get(invite + "&token=" + token);
    ((JavascriptExecutor) driver).executeScript("localStorage.setItem('flywheel-device', arguments[0])", "dev-" + helper);
    wait.until(ExpectedConditions.elementToBeClickable(By.id("help"))).click();
    wait.until(d -> !d.findElement(By.cssSelector("#result, .refusal")).getText().isBlank());
    return driver.findElement(By.cssSelector("#result, .refusal")).getText();
  }

  private long tenantId;

  private String url(String path, String customer) {
    return "http://localhost:" + port + path + "?lang=en&token="
        + sessions.issue(tenantId, customer, Duration.ofMinutes(30)).token();
  }
}
