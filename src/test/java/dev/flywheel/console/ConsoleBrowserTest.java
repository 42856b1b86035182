package dev.flywheel.console;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flywheel.customer.Customers;
import dev.flywheel.event.EventIngestion;
import dev.flywheel.platform.security.Role;
import dev.flywheel.support.Browser;
import dev.flywheel.support.RunningFlywheel;
import dev.flywheel.support.TestTenants;
import dev.flywheel.support.TestTenants.TestTenant;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * An operator's first session in Debian's headless Chromium, once per language: sign in, read the
 * dashboard charts, find a customer, open them, and build a segment with the live preview.
 */
@RunningFlywheel
@EnabledIfSystemProperty(named = "flywheel.browser-tests", matches = "true")
class ConsoleBrowserTest {
  @Autowired TestTenants tenants;
  @Autowired Customers customers;
  @Autowired EventIngestion ingestion;
  @Autowired Clock clock;
  @LocalServerPort int port;

  WebDriver driver;
  WebDriverWait wait;

  /** What the operator should read in each language. */
  record Words(String language, String loginHeading, String loanChartTitle, String funderApproved,
      String oneMatch, String segmentName) {}

  static java.util.stream.Stream<Arguments> languages() {
    return java.util.stream.Stream.of(
        Arguments.of(new Words("en", "Sign in to Flywheel", "Customers by loan stage", "Funder approved",
            "1 customer matches now", "Approved, not drawn")),
        Arguments.of(new Words("zh-CN", "登录 Flywheel", "各借款阶段客户数", "资方授信通过",
            "当前符合条件的客户：1 人", "已授信未提款")));
  }

  @AfterEach
  void quit() {
    if (driver != null) {
      driver.quit();
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("languages")
  void anOperatorFindsACustomerAndBuildsASegment(Words words) throws IOException {
    TestTenant tenant = tenants.create();
    Borrowers.seed(customers, ingestion, tenant.id(), clock.instant());
    driver = Browser.start(words.language());
    wait = new WebDriverWait(driver, Duration.ofSeconds(20));
    String base = "http://localhost:" + port;

    // sign in, switching language on the login page with the language link
    driver.get(base + "/login?lang=en");
    if (!words.language().equals("en")) {
      driver.findElement(By.id("lang-zh")).click();
    }
    wait.until(ExpectedConditions.textToBe(By.tagName("h1"), words.loginHeading()));
    driver.findElement(By.id("username")).sendKeys(tenant.user(Role.OPERATOR));
    driver.findElement(By.id("password")).sendKeys(TestTenants.PASSWORD);
    driver.findElement(By.id("sign-in")).click();

    // dashboard: the three charts are drawn by ECharts (tall window: the screenshot shows all)
    driver.manage().window().setSize(new Dimension(1400, 1350));
    wait.until(ExpectedConditions.presenceOfElementLocated(By.id("dashboard")));
    for (String chart : new String[] {"chart-events", "chart-loan", "chart-lifecycle"}) {
      wait.until(ExpectedConditions.presenceOfElementLocated(
          By.cssSelector("#" + chart + "[data-rendered='true'] canvas")));
    }
    assertThat(driver.findElement(By.tagName("main")).getText()).contains(words.loanChartTitle());
    assertThat(driver.findElement(By.cssSelector("#kpi-customers .kpi")).getText()).isEqualTo("6");
    screenshot("dashboard-" + words.language());

    // customers: htmx-swapped search, then the detail page
    driver.findElement(By.cssSelector(".sidebar a[href='/console/customers']")).click();
    WebElement prefix = wait.until(ExpectedConditions.elementToBeClickable(By.id("idPrefix")));
    prefix.sendKeys("c-001");
    driver.findElement(By.id("search")).click();
    wait.until(ExpectedConditions.numberOfElementsToBe(By.cssSelector("#results a.customer-link"), 1));
    // the form asks twice (the id field's change, then the submit), so the list may be swapped again
    Browser.clickAndAwaitNewPage(driver, By.linkText("c-001"), wait);
    wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("loan-stage"), words.funderApproved()));
    assertThat(driver.findElement(By.id("name")).getText()).isEqualTo("张**");
    assertThat(driver.getPageSource()).doesNotContain(Borrowers.RAW_NAME).doesNotContain(Borrowers.RAW_PHONE);
    screenshot("customer-" + words.language());

    // segments: a typo shows its position, an example gives the live count, saving shows the segment
    driver.findElement(By.cssSelector(".sidebar a[href='/console/segments']")).click();
    wait.until(ExpectedConditions.elementToBeClickable(By.id("new-segment"))).click();
    WebElement expression = wait.until(ExpectedConditions.elementToBeClickable(By.id("expression")));
    // the preview is swapped in place after every pause in typing: a preview read may go stale
    var preview = Browser.reRendering(driver);
    expression.sendKeys("loan_stage == ");
    preview.until(ExpectedConditions.attributeToBe(By.id("preview-error"), "data-line", "1"));
    expression.clear();
    expression.sendKeys(Borrowers.APPROVED_WAITING);
    preview.until(ExpectedConditions.attributeToBe(By.id("preview-count"), "data-count", "1"));
    assertThat(Browser.readReRendered(driver, By.id("preview-count"), WebElement::getText)).isEqualTo(words.oneMatch());
    screenshot("segment-new-" + words.language());

    driver.findElement(By.id("name")).sendKeys(words.segmentName());
    driver.findElement(By.id("save-segment")).click();
    wait.until(ExpectedConditions.urlMatches("/console/segments/\\d+$"));
    assertThat(driver.findElement(By.tagName("h1")).getText()).isEqualTo(words.segmentName());
    assertThat(driver.findElement(By.id("segment-count")).getText()).isEqualTo("1");
    assertThat(driver.findElements(By.cssSelector("#members a"))).extracting(WebElement::getText)
        .containsExactly("c-001");
  }

  private void screenshot(String name) throws IOException {
    Path dir = Path.of("target", "screenshots");
    Files.createDirectories(dir);
    Path shot = ((TakesScreenshot) driver).getScreenshotAs(OutputType.FILE).toPath();
    Files.copy(shot, dir.resolve(name + ".png"), StandardCopyOption.REPLACE_EXISTING);
  }
}
