package dev.flywheel.community.room;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flywheel.community.ChatKind;
import dev.flywheel.community.Communities;
import dev.flywheel.community.Community;
import dev.flywheel.community.CommunityDraft;
import dev.flywheel.community.CommunityResult;
import dev.flywheel.community.Member;
import dev.flywheel.customer.Customers;
import dev.flywheel.platform.customersession.CustomerSessions;
import dev.flywheel.platform.security.Role;
import dev.flywheel.support.Browser;
import dev.flywheel.support.RunningFlywheel;
import dev.flywheel.support.TestTenants;
import dev.flywheel.support.TestTenants.TestTenant;
import java.time.Duration;
import java.util.List;
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

/**
 * On a 375 px phone screen two customers join the web room by its link, chat and see each other's
 * messages arrive live; the account manager posts from the console and the post appears in the room.
 */
@RunningFlywheel
@EnabledIfSystemProperty(named = "flywheel.browser-tests", matches = "true")
class CommunityRoomBrowserTest {
  @Autowired TestTenants tenants;
  @Autowired Communities communities;
  @Autowired Customers customers;
  @Autowired CustomerSessions sessions;
  @LocalServerPort int port;
  WebDriver driver;

  @AfterEach
  void quit() {
    if (driver != null) {
      driver.quit();
    }
  }

  @Test
  void twoMembersChatLiveAndTheManagersPostArrives() throws java.io.IOException {
    TestTenant tenant = tenants.create();
    customers.saveProfile(tenant.id(), "ann", Map.of("name", "Ann Lee"));
    customers.saveProfile(tenant.id(), "bo", Map.of("name", "Bo Wang"));
    Community room = ((CommunityResult.Done) communities.create(tenant.id(), new CommunityDraft("Wealth club",
        "Quiz on Tuesdays", ChatKind.WEB_ROOM, null, List.of(tenant.user(Role.EMPLOYEE))), "test")).community();
    String join = "http://localhost:" + port + "/h5/communities/join/" + room.joinCode() + "?lang=en&token=";

    driver = Browser.start("en");
    driver.manage().window().setSize(new Dimension(375, 812));
    WebDriverWait wait = new WebDriverWait(driver, Duration.ofSeconds(20));
    driver.get(join + sessions.issue(tenant.id(), "ann", Duration.ofMinutes(30)).token());
    String ann = driver.getWindowHandle();
    live(wait);
    Object width = ((JavascriptExecutor) driver).executeScript("return document.documentElement.scrollWidth");
    assertThat(((Number) width).intValue()).as("no horizontal scrolling at 375 px").isLessThanOrEqualTo(375);

    driver.switchTo().newWindow(WindowType.TAB);
    String bo = driver.getWindowHandle();
    driver.get(join + sessions.issue(tenant.id(), "bo", Duration.ofMinutes(30)).token());
    live(wait);
    assertThat(communities.members(tenant.id(), room.id())).extracting(Member::customerId)
        .containsExactlyInAnyOrder("ann", "bo");

    driver.switchTo().window(ann);
    send(wait, "Hello, is the quiz tonight?");
    wait.until(d -> mine(d, "Hello, is the quiz tonight?"));

    driver.switchTo().window(bo);
    wait.until(d -> message(d, "Hello, is the quiz tonight?").contains("A** L**"));
    send(wait, "Yes, at 8 pm!");
    driver.switchTo().window(ann);
    wait.until(d -> message(d, "Yes, at 8 pm!").contains("B* W***"));

    driver.switchTo().newWindow(WindowType.TAB);
    driver.get("http://localhost:" + port + "/login?lang=en");
    driver.findElement(By.id("username")).sendKeys(tenant.user(Role.EMPLOYEE));
    driver.findElement(By.id("password")).sendKeys(TestTenants.PASSWORD);
    driver.findElement(By.id("sign-in")).click();
    wait.until(ExpectedConditions.urlContains("/console"));
    driver.get("http://localhost:" + port + "/console/communities/" + room.id() + "/chat");
    wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("chat-log"), "Yes, at 8 pm!"));
    driver.findElement(By.id("post-body")).sendKeys("Quiz starts at 8 pm: answer A, B or C");
    // the log is polled every 2 s: on the page being left it could show the post before the POST's page
    Browser.clickAndAwaitNewPage(driver, driver.findElement(By.id("post-send")), wait);
    wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("chat-log"), "Quiz starts at 8 pm"));

    driver.switchTo().window(ann);
    wait.until(d -> !d.findElements(By.cssSelector("#messages .message.from-community")).isEmpty());
    assertThat(driver.findElement(By.cssSelector("#messages .message.from-community")).getText())
        .contains("Quiz starts at 8 pm").contains("EMPLOYEE");
    assertThat(driver.findElement(By.id("room")).getAttribute("data-mode")).isEqualTo("live");
    screenshot("community-room-375");
  }

  private void screenshot(String name) throws java.io.IOException {
    java.nio.file.Path dir = java.nio.file.Path.of("target", "screenshots");
    java.nio.file.Files.createDirectories(dir);
    java.nio.file.Path shot = ((org.openqa.selenium.TakesScreenshot) driver)
        .getScreenshotAs(org.openqa.selenium.OutputType.FILE).toPath();
    java.nio.file.Files.copy(shot, dir.resolve(name + ".png"), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
  }

  private static void live(WebDriverWait wait) {
    wait.until(ExpectedConditions.attributeToBe(By.id("room"), "data-mode", "live"));
  }

  private static void send(WebDriverWait wait, String text) {
    wait.until(ExpectedConditions.elementToBeClickable(By.id("text"))).sendKeys(text);
    wait.until(ExpectedConditions.elementToBeClickable(By.id("send"))).click();
  }

  private static String message(WebDriver d, String body) {
    return d.findElements(By.cssSelector("#messages .message")).stream().map(e -> e.getText())
        .filter(t -> t.contains(body)).findFirst().orElse("");
  }

  private static boolean mine(WebDriver d, String body) {
    return d.findElements(By.cssSelector("#messages .message.mine")).stream().anyMatch(e -> e.getText().contains(body));
  }
}
