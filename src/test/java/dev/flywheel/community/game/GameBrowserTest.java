package dev.flywheel.community.game;

import static org.assertj.core.api.Assertions.assertThat;

import com.github.kagkarlsson.scheduler.task.TaskInstance;
import com.github.kagkarlsson.scheduler.task.helper.OneTimeTask;
import dev.flywheel.community.GameForm;
import dev.flywheel.community.GamePrize;
import dev.flywheel.community.GameQuestion;
import dev.flywheel.community.GameRound;
import dev.flywheel.community.GameSpec;
import dev.flywheel.community.Games;
import dev.flywheel.customer.Customers;
import dev.flywheel.ledger.Asset;
import dev.flywheel.ledger.Ledger;
import dev.flywheel.ledger.Wallet;
import dev.flywheel.platform.security.Role;
import dev.flywheel.platform.signing.Signatures;
import dev.flywheel.platform.time.MovableClock;
import dev.flywheel.support.ApiClient;
import dev.flywheel.support.Browser;
import dev.flywheel.support.RunningFlywheel;
import dev.flywheel.support.TestTenants;
import dev.flywheel.support.TestTenants.TestTenant;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.json.JsonMapper;

/**
 * The account manager runs a round from the live game control panel: opens it, watches three
 * members' answers arrive (through the group chat's signed webhook), sees no winner before the
 * reveal delay, and the winner with the prize in their wallet once the delay's close task ran.
 * ({@link LibraryQuizBrowserTest} runs the whole flow: library export, answers in the web room.)
 */
@RunningFlywheel
@EnabledIfSystemProperty(named = "flywheel.browser-tests", matches = "true")
class GameBrowserTest {
  private static final JsonMapper JSON = JsonMapper.builder().build();
  @Autowired TestTenants tenants;
  @Autowired Games games;
  @Autowired Customers customers;
  @Autowired Ledger ledger;
  @Autowired MovableClock clock;
  @Autowired OneTimeTask<Long> communityGameCloseTask;
  @LocalServerPort int port;
  private final HttpClient http = HttpClient.newHttpClient();
  private WebDriver driver;

  @AfterEach
  void quit() {
    if (driver != null) {
      driver.quit();
    }
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource({"en, 3 of 3 members, Winner: c-bo", "zh-CN, 3 名成员中 3 人作答, 获胜者:c-bo"})
  void theWinnerShowsOnlyAfterTheDelayAndIsPaid(String language, String participation, String winner)
      throws Exception {
    TestTenant tenant = tenants.create();
    for (String c : List.of("c-ann", "c-bo", "c-cy")) {
      customers.saveProfile(tenant.id(), c, Map.of());
    }
    Map<String, Object> community = new ApiClient(port, tenant.apiKey()).post("/api/v1/communities",
        Map.of("name", "Wealth club", "managers", List.of(tenant.user(Role.EMPLOYEE)))).body();
    long id = ((Number) community.get("id")).longValue();
    String secret = (String) community.get("chat_secret");
    long game = games.prepare(tenant.id(), id, new GameSpec(GameForm.QUIZ, "Friday quiz", "First correct wins",
        List.of(new GameQuestion("Which fund is the safest?", List.of("Stocks", "Money market", "Crypto"), 1)),
        Duration.ofMinutes(3), new GamePrize(Asset.POINTS, 100), null), "console", "test");

    String base = "http://localhost:" + port;
    driver = Browser.start(language);
    WebDriverWait wait = new WebDriverWait(driver, Duration.ofSeconds(20));
    driver.get(base + "/login?lang=en");
    driver.findElement(By.id("username")).sendKeys(tenant.user(Role.EMPLOYEE));
    driver.findElement(By.id("password")).sendKeys(TestTenants.PASSWORD);
    driver.findElement(By.id("sign-in")).click();
    wait.until(ExpectedConditions.urlContains("/console"));
    driver.get(base + "/console/communities/" + id + "/games/" + game + "?lang=" + language);
    // the panel re-renders #live every 2 s, and its poll may show the round open before the POST's page
    Browser.clickAndAwaitNewPage(driver, By.id("open-round"), wait);
    wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#round-1[data-status=OPEN]")));

    clock.advance(Duration.ofSeconds(5));
    answer(id, secret, "m-1", "c-cy", "A");
    clock.advance(Duration.ofSeconds(5));
    answer(id, secret, "m-2", "c-bo", "选B");
    clock.advance(Duration.ofSeconds(2));
    answer(id, secret, "m-3", "c-ann", "ｂ");

    wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#round-1 .figures[data-answers='3']")));
    assertThat(driver.findElements(By.cssSelector("#round-1 tr[data-customer]"))).hasSize(3);
    assertThat(driver.findElements(By.cssSelector("#round-1 .winner"))).isEmpty();
    assertThat(Browser.readReRendered(driver, By.id("close-round"), WebElement::isDisplayed)).isTrue();

    GameRound round = games.find(tenant.id(), game).orElseThrow().rounds().getFirst();
    clock.set(round.closesAt());
    // the scheduler is off in tests: run the round's due close task as db-scheduler would
    communityGameCloseTask.execute(new TaskInstance<>(CloseSchedule.TASK, CloseSchedule.instanceId(round.id()),
        round.id()), null);

    wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#round-1 .winner[data-winner='c-bo']")));
    assertThat(Browser.readReRendered(driver, By.cssSelector("#round-1 .winner"), WebElement::getText)).contains(winner);
    assertThat(Browser.readReRendered(driver, By.id("participation"), WebElement::getText)).contains(participation);
    assertThat(driver.findElements(By.id("close-round"))).isEmpty();
    assertThat(ledger.wallet(tenant.id(), "c-bo").balances().getOrDefault(Asset.POINTS, Wallet.Balance.EMPTY)
        .available()).isEqualTo(100);
  }

  private void answer(long community, String secret, String messageId, String customer, String body) throws Exception {
    byte[] raw = JSON.writeValueAsBytes(Map.of("message_id", messageId, "customer_id", customer, "sender_name",
        customer, "body", body));
    long ts = clock.instant().getEpochSecond();
    HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port
            + "/api/v1/communities/" + community + "/messages")).header("Content-Type", "application/json")
        .header(Signatures.TIMESTAMP, Long.toString(ts)).header(Signatures.SIGNATURE, Signatures.sign(secret, ts, raw))
        .POST(HttpRequest.BodyPublishers.ofByteArray(raw)).build(), HttpResponse.BodyHandlers.ofString());
    assertThat(response.body()).contains("accepted");
  }
}
