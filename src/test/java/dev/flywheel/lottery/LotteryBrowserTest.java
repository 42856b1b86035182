package dev.flywheel.lottery;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flywheel.ledger.Ledger;
import dev.flywheel.ledger.LedgerInvariants;
import dev.flywheel.platform.customersession.CustomerSessions;
import dev.flywheel.platform.time.MovableClock;
import dev.flywheel.support.Browser;
import dev.flywheel.support.RunningFlywheel;
import dev.flywheel.support.TestTenants;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * A customer with three chances opens the H5 lottery page on a 375 px wide phone screen, draws
 * until the chances run out (each draw animates and lands on the won prize), sends the address
 * for the physical prize, and finds the draw button disabled with the "no chances" reason.
 */
@RunningFlywheel
@EnabledIfSystemProperty(named = "flywheel.browser-tests", matches = "true")
class LotteryBrowserTest {
  @Autowired TestTenants tenants;
  @Autowired Lotteries lotteries;
  @Autowired Draws draws;
  @Autowired Ledger ledger;
  @Autowired CustomerSessions sessions;
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

  @ParameterizedTest(name = "{0}")
  @CsvSource({"en, Chances left, You won: Mug!, Address saved", "zh-CN, 剩余次数, 恭喜获得：Mug！, 地址已保存"})
  void aCustomerDrawsUntilTheChancesRunOut(String language, String chancesLabel, String wonMug, String saved) {
    long tenant = tenants.create().id();
    LotteryFixtures fixtures = new LotteryFixtures(lotteries, ledger, clock);
    // the mug outweighs thank-you but only one is in stock: the first draw wins it, the others thank you
    Lottery lottery = fixtures.live(tenant, null,
        List.of(LotteryFixtures.physical("Mug", 1_000_000, 1, 3_000, 2), LotteryFixtures.thankYou(1)));
    fixtures.chances(tenant, "phone-user", 3);
    String token = sessions.issue(tenant, "phone-user", Duration.ofMinutes(30)).token();

    driver = Browser.start(language);
    driver.manage().window().setSize(new Dimension(375, 812));
    WebDriverWait wait = new WebDriverWait(driver, Duration.ofSeconds(20));
    driver.get("http://localhost:" + port + "/h5/lotteries/" + lottery.id() + "?lang=" + language + "&token=" + token);
    assertThat(driver.findElement(By.cssSelector(".chances")).getText()).contains(chancesLabel).contains("3");
    Object width = ((org.openqa.selenium.JavascriptExecutor) driver)
        .executeScript("return document.documentElement.scrollWidth");
    assertThat(((Number) width).intValue()).as("no horizontal scrolling at 375 px").isLessThanOrEqualTo(375);

    for (int left = 2; left >= 0; left--) {
      wait.until(ExpectedConditions.elementToBeClickable(By.id("draw-button"))).click();
      String expected = Integer.toString(left);
      wait.until(ExpectedConditions.textToBe(By.id("chances"), expected));
      wait.until(d -> !d.findElement(By.id("result")).getText().isBlank()
          && !d.findElement(By.id("result")).getText().endsWith("…"));
      if (left == 2) {
        assertThat(driver.findElement(By.id("result")).getText()).isEqualTo(wonMug);
        assertThat(driver.findElements(By.cssSelector("#board .tile.won"))).hasSize(1);
        assertThat(driver.findElement(By.cssSelector("#board .tile.won")).getText()).contains("Mug");
      }
    }
    assertThat(driver.findElement(By.id("draw-button")).isEnabled()).isFalse();
    assertThat(driver.findElements(By.cssSelector("#my-prizes li"))).hasSize(3);

    var form = driver.findElement(By.cssSelector("#my-prizes .address-form"));
    form.findElement(By.name("recipient")).sendKeys("Wang Fang");
    form.findElement(By.name("phone")).sendKeys("13700000000");
    form.findElement(By.name("address")).sendKeys("99 Huaihai Rd, Shanghai");
    form.findElement(By.tagName("button")).click();
    wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("result"), saved));

    assertThat(draws.chances(tenant, "phone-user")).isZero();
    assertThat(draws.count(tenant, lottery.id())).isEqualTo(3);
    assertThat(lotteries.get(tenant, lottery.id()).orElseThrow().prizes().getFirst().stock()).isZero();
    assertThat(new dev.flywheel.support.ApiClient(port, token)
        .post("/api/v1/customer/lotteries/" + lottery.id() + "/draws", java.util.Map.of("request_id", "one-more"))
        .code()).isEqualTo("no-chances");
  }
}
