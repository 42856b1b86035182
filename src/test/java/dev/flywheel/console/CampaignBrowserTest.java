package dev.flywheel.console;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flywheel.campaign.CampaignStatus;
import dev.flywheel.campaign.Campaigns;
import dev.flywheel.event.EventIngestion;
import dev.flywheel.event.IncomingEvent;
import dev.flywheel.event.IngestionResult;
import dev.flywheel.platform.time.MovableClock;
import dev.flywheel.platform.security.Role;
import dev.flywheel.support.Browser;
import dev.flywheel.support.RunningFlywheel;
import dev.flywheel.support.TestTenants;
import dev.flywheel.support.TestTenants.TestTenant;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.Keys;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * Maker-checker in Debian's headless Chromium, once per language: an operator creates a campaign
 * from a template, sees the rule editor's live compile error, submits; signs out; an approver
 * opens the pending campaign from the inbox and sees its dry run over the last 30 days of stored
 * events (report and cost chart), approves it from the inbox (which funds the budget), and the
 * campaign page shows it approved and scheduled with the budget chart. Then the clock reaches the
 * start, a qualifying investment arrives through {@link EventIngestion}, and the grant shows in
 * the customer's wallet and in the campaign page's live figures.
 */
@RunningFlywheel
@EnabledIfSystemProperty(named = "flywheel.browser-tests", matches = "true")
class CampaignBrowserTest {
  @Autowired TestTenants tenants;
  @Autowired Campaigns campaigns;
  @Autowired EventIngestion ingestion;
  @Autowired MovableClock clock;
  @LocalServerPort int port;

  WebDriver driver;
  WebDriverWait wait;

  record Words(String language, String loginHeading, String draft, String pending, String approvedScheduled) {}

  static java.util.stream.Stream<Arguments> languages() {
    return java.util.stream.Stream.of(
        Arguments.of(new Words("en", "Sign in to Flywheel", "Draft", "Pending approval", "Approved, scheduled")),
        Arguments.of(new Words("zh-CN", "登录 Flywheel", "草稿", "待审批", "已通过，待开始")));
  }

  @AfterEach
  void quit() {
    if (driver != null) {
      driver.quit();
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("languages")
  void anOperatorCreatesAndSubmitsAndAnotherPersonApproves(Words words) throws IOException {
    TestTenant tenant = tenants.create();
    driver = Browser.start(words.language());
    driver.manage().window().setSize(new Dimension(1400, 1300));
    wait = new WebDriverWait(driver, Duration.ofSeconds(20));
    String base = "http://localhost:" + port;
    // history for the dry run: three investments above 1,000 yuan over the last days, one below
    String lang = words.language().replace("-", "");
    for (int i = 1; i <= 3; i++) {
      invest(tenant, "past-" + lang + "-" + i, "past-" + i, clock.instant().minus(Duration.ofDays(i)), "1500");
    }
    invest(tenant, "past-" + lang + "-4", "past-4", clock.instant().minus(Duration.ofDays(2)), "800");

    signIn(base, words, tenant.user(Role.OPERATOR));
    driver.findElement(By.cssSelector(".sidebar a[href='/console/campaigns']")).click();
    wait.until(ExpectedConditions.elementToBeClickable(By.id("new-campaign"))).click();
    wait.until(ExpectedConditions.elementToBeClickable(By.id("template-investment_lottery"))).click();

    // the window comes prefilled (tomorrow, 30 days); saving without a budget shows the error inline
    WebElement name = wait.until(ExpectedConditions.elementToBeClickable(By.id("name")));
    name.sendKeys("Lottery " + words.language());
    driver.findElement(By.id("channel-banner")).click();
    driver.findElement(By.id("create-campaign")).click();
    wait.until(ExpectedConditions.presenceOfElementLocated(
        By.cssSelector(".field-error[data-field='budget.LOTTERY_CHANCE'][data-code='missing-budget']")));
    assertThat(campaigns.list(tenant.id(), null, 10)).isEmpty();
    driver.findElement(By.id("budget.LOTTERY_CHANCE")).sendKeys("1000");
    driver.findElement(By.id("create-campaign")).click();
    wait.until(ExpectedConditions.urlMatches("/console/campaigns/\\d+$"));
    wait.until(ExpectedConditions.textToBe(By.id("campaign-status"), words.draft()));
    String campaignUrl = driver.getCurrentUrl();
    long id = Long.parseLong(campaignUrl.substring(campaignUrl.lastIndexOf('/') + 1));

    // the rule editor checks while typing: a dangling operator is reported with rule, line and column
    driver.findElement(By.id("edit-rules")).click();
    WebElement condition = wait.until(ExpectedConditions.elementToBeClickable(By.id("condition-0")));
    condition.sendKeys(Keys.END, " &&");
    // the check is swapped into #rule-check after every pause in typing: read it where it is now
    String errorLine = Browser.readReRendered(driver,
        By.cssSelector("#rule-check .rule-error[data-rule='chance-per-investment']"), e -> e.getAttribute("data-line"));
    assertThat(errorLine).isEqualTo("1");
    condition.sendKeys(Keys.BACK_SPACE, Keys.BACK_SPACE, Keys.BACK_SPACE);
    wait.until(ExpectedConditions.presenceOfElementLocated(By.id("rules-ok")));
    screenshot("rule-editor-" + words.language());
    driver.get(campaignUrl);

    wait.until(ExpectedConditions.elementToBeClickable(By.id("submit-campaign"))).click();
    wait.until(ExpectedConditions.textToBe(By.id("campaign-status"), words.pending()));
    // signing in again right away would cancel the sign-out still on its way
    Browser.clickAndAwaitNewPage(driver, driver.findElement(By.cssSelector("form[action='/logout'] button")), wait);

    signIn(base, words, tenant.user(Role.APPROVER));
    driver.findElement(By.cssSelector(".sidebar a[href='/console/approvals']")).click();
    // before deciding, the approver looks at the dry run: it runs itself for them on the campaign page
    wait.until(ExpectedConditions.elementToBeClickable(By.id("dry-run-" + id))).click();
    WebElement report = wait.until(ExpectedConditions.presenceOfElementLocated(By.id("dry-run-report")));
    assertThat(report.getAttribute("data-participants")).isEqualTo("3");
    assertThat(driver.findElement(By.id("dry-run-scanned")).getText()).isEqualTo("4");
    assertThat(driver.findElement(By.cssSelector("#dry-run-assets tr[data-asset='LOTTERY_CHANCE']"))
        .getAttribute("data-units")).isEqualTo("3");
    WebElement chart = wait.until(ExpectedConditions.presenceOfElementLocated(
        By.cssSelector("#dry-run-chart-LOTTERY_CHANCE[data-rendered='true'] canvas")));
    ((org.openqa.selenium.JavascriptExecutor) driver).executeScript("arguments[0].scrollIntoView({block: 'center'})",
        driver.findElement(By.id("dry-run")));
    screenshot("dry-run-" + words.language());
    assertThat(chart.isDisplayed()).isTrue();
    driver.findElement(By.cssSelector(".sidebar a[href='/console/approvals']")).click();
    wait.until(ExpectedConditions.elementToBeClickable(By.id("comment-" + id))).sendKeys("budget ok");
    driver.findElement(By.id("approve-" + id)).click();
    wait.until(ExpectedConditions.presenceOfElementLocated(By.id("notice")));
    assertThat(driver.findElements(By.id("pending-" + id))).isEmpty();
    assertThat(campaigns.find(tenant.id(), id).orElseThrow().status()).isEqualTo(CampaignStatus.APPROVED);

    driver.get(campaignUrl);
    wait.until(ExpectedConditions.textToBe(By.id("campaign-status"), words.approvedScheduled()));
    // approval funded the budget up to the plan: the chart shows it without any further step
    wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#chart-budget[data-rendered='true'] canvas")));
    assertThat(driver.findElement(By.cssSelector("#budget-table tr[data-asset='LOTTERY_CHANCE'] .funded")).getText())
        .isEqualTo("1,000");
    assertThat(driver.findElement(By.id("campaign-status")).getText()).isEqualTo(words.approvedScheduled());
    screenshot("campaign-" + words.language());

    // the clock reaches the start; a qualifying investment arrives and turns into a visible grant
    clock.set(campaigns.find(tenant.id(), id).orElseThrow().plan().window().startsAt().plus(Duration.ofMinutes(5)));
    campaigns.advanceClock();
    assertThat(campaigns.find(tenant.id(), id).orElseThrow().status()).isEqualTo(CampaignStatus.RUNNING);
    String customer = "buyer-" + lang;
    invest(tenant, "live-" + lang, customer, clock.instant(), "2000");
    driver.get(base + "/console/customers/" + customer);
    WebElement chances = wait.until(ExpectedConditions.presenceOfElementLocated(
        By.cssSelector("#wallet-balances tr[data-asset='LOTTERY_CHANCE'] .available")));
    assertThat(chances.getText()).isEqualTo("1");
    driver.get(campaignUrl);
    assertThat(wait.until(ExpectedConditions.presenceOfElementLocated(By.id("live-participants"))).getText())
        .isEqualTo("1");
    assertThat(driver.findElement(By.cssSelector("#live-figures [data-asset='LOTTERY_CHANCE']"))
        .getAttribute("data-units")).isEqualTo("1");
    wait.until(ExpectedConditions.presenceOfElementLocated(
        By.cssSelector("#live-chart-LOTTERY_CHANCE[data-rendered='true'] canvas")));
    ((org.openqa.selenium.JavascriptExecutor) driver).executeScript("arguments[0].scrollIntoView({block: 'center'})",
        driver.findElement(By.id("live-figures")));
    screenshot("live-" + words.language());
  }

  private void invest(TestTenant tenant, String eventId, String customer, java.time.Instant at, String yuan) {
    assertThat(ingestion.ingest(tenant.id(), IncomingEvent.of(eventId, customer, "investment", at,
        java.util.Map.of("amount", new java.math.BigDecimal(yuan), "product", "p30", "term_days", 30))))
        .isInstanceOf(IngestionResult.Accepted.class);
  }

  private void signIn(String base, Words words, String user) {
    driver.get(base + "/login?lang=" + words.language());
    wait.until(ExpectedConditions.textToBe(By.tagName("h1"), words.loginHeading()));
    driver.findElement(By.id("username")).sendKeys(user);
    driver.findElement(By.id("password")).sendKeys(TestTenants.PASSWORD);
    driver.findElement(By.id("sign-in")).click();
    wait.until(ExpectedConditions.presenceOfElementLocated(By.id("dashboard")));
  }

  private void screenshot(String name) throws IOException {
    Path dir = Path.of("target", "screenshots");
    Files.createDirectories(dir);
    Path shot = ((TakesScreenshot) driver).getScreenshotAs(OutputType.FILE).toPath();
    Files.copy(shot, dir.resolve(name + ".png"), StandardCopyOption.REPLACE_EXISTING);
  }
}
