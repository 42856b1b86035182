package dev.flywheel.community.game;

import static org.assertj.core.api.Assertions.assertThat;

import com.github.kagkarlsson.scheduler.task.TaskInstance;
import com.github.kagkarlsson.scheduler.task.helper.OneTimeTask;
import dev.flywheel.community.ActivityLibrary;
import dev.flywheel.community.ActivityScript;
import dev.flywheel.community.ChatKind;
import dev.flywheel.community.Communities;
import dev.flywheel.community.Community;
import dev.flywheel.community.CommunityDraft;
import dev.flywheel.community.CommunityResult;
import dev.flywheel.community.Game;
import dev.flywheel.community.GameForm;
import dev.flywheel.community.GamePrize;
import dev.flywheel.community.GameQuestion;
import dev.flywheel.community.GameRound;
import dev.flywheel.community.Games;
import dev.flywheel.community.Member;
import dev.flywheel.customer.Customers;
import dev.flywheel.ledger.Asset;
import dev.flywheel.platform.customersession.CustomerSessions;
import dev.flywheel.platform.security.Role;
import dev.flywheel.platform.time.MovableClock;
import dev.flywheel.support.ApiClient;
import dev.flywheel.support.Browser;
import dev.flywheel.support.RunningFlywheel;
import dev.flywheel.support.TestTenants;
import dev.flywheel.support.TestTenants.TestTenant;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.WindowType;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * Issue 8's browser test, the community module end to end: the account manager pulls a quiz from
 * the activity library into their community, clicks from the community's page to the game's live
 * panel and opens the round; three members answer in the web chat room on 375 px phone screens
 * (joined by the community's link with their customer session tokens); the panel shows the answers
 * but no winner until the reveal delay has passed and the round's close task ran; then the reveal
 * appears in the room and the prize is in the winner's wallet (ledger API).
 */
@RunningFlywheel
@EnabledIfSystemProperty(named = "flywheel.browser-tests", matches = "true")
class LibraryQuizBrowserTest {
  @Autowired TestTenants tenants;
  @Autowired Communities communities;
  @Autowired ActivityLibrary library;
  @Autowired Games games;
  @Autowired Customers customers;
  @Autowired CustomerSessions sessions;
  @Autowired MovableClock clock;
  @Autowired OneTimeTask<Long> communityGameCloseTask;
  @LocalServerPort int port;
  private WebDriver driver;

  @AfterEach
  void quit() {
    if (driver != null) {
      driver.quit();
    }
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource({"en, 3 of 3 members, Winner: c-bo", "zh-CN, 3 名成员中 3 人作答, 获胜者:c-bo"})
  void aLibraryQuizRunsInTheWebRoomAndPaysTheWinnerAfterTheDelay(String language, String participation,
      String winner) throws IOException {
    TestTenant tenant = tenants.create();
    Map<String, String> names = Map.of("c-ann", "Ann Lee", "c-bo", "Bo Wang", "c-cy", "Cy Zhou");
    names.forEach((id, name) -> customers.saveProfile(tenant.id(), id, Map.of("name", name)));
    Community club = ((CommunityResult.Done) communities.create(tenant.id(), new CommunityDraft("Wealth club",
        "Quiz on Fridays", ChatKind.WEB_ROOM, null, List.of(tenant.user(Role.EMPLOYEE))), "test")).community();
    library.create(tenant.id(), new ActivityScript("Fund quiz", "funds", List.of("quiz"), "First correct answer wins",
        List.of(new ActivityScript.Message(0, "Fund quiz starts now!")), GameForm.QUIZ,
        List.of(new GameQuestion("Which fund is the safest?", List.of("Stocks", "Money market", "Crypto"), 1)),
        Duration.ofMinutes(3), null, new GamePrize(Asset.POINTS, 100), "first correct answer", 60), "operator");
    String base = "http://localhost:" + port;
    driver = Browser.start(language);
    WebDriverWait wait = new WebDriverWait(driver, Duration.ofSeconds(20));

    // three members on their phones, each in a tab of a 375 px window, joined by the link
    driver.manage().window().setSize(new Dimension(375, 812));
    Map<String, String> tabs = new LinkedHashMap<>();
    for (String member : List.of("c-ann", "c-bo", "c-cy")) {
      if (!tabs.isEmpty()) {
        driver.switchTo().newWindow(WindowType.TAB);
      }
      tabs.put(member, driver.getWindowHandle());
      driver.get(base + "/h5/communities/join/" + club.joinCode() + "?lang=" + language + "&token="
          + sessions.issue(tenant.id(), member, Duration.ofMinutes(30)).token());
      wait.until(ExpectedConditions.attributeToBe(By.id("room"), "data-mode", "live"));
    }
    assertThat(communities.members(tenant.id(), club.id())).extracting(Member::customerId)
        .containsExactlyInAnyOrder("c-ann", "c-bo", "c-cy");

    // the manager pulls the quiz from the library into the community, then clicks to the panel
    driver.switchTo().newWindow(WindowType.WINDOW);
    String panel = driver.getWindowHandle();
    driver.manage().window().setSize(new Dimension(1400, 1000));
    driver.get(base + "/login?lang=" + language);
    driver.findElement(By.id("username")).sendKeys(tenant.user(Role.EMPLOYEE));
    driver.findElement(By.id("password")).sendKeys(TestTenants.PASSWORD);
    driver.findElement(By.id("sign-in")).click();
    wait.until(ExpectedConditions.urlContains("/console"));
    wait.until(ExpectedConditions.elementToBeClickable(By.id("nav-community-library"))).click();
    wait.until(ExpectedConditions.elementToBeClickable(By.linkText("Fund quiz"))).click();
    wait.until(ExpectedConditions.elementToBeClickable(By.cssSelector("#export-form button[type=submit]"))).click();
    wait.until(ExpectedConditions.urlContains("/console/community-calendar"));
    Game game = games.list(tenant.id(), club.id()).getFirst();
    assertThat(game.title()).isEqualTo("Fund quiz");
    driver.findElement(By.id("nav-communities")).click();
    wait.until(ExpectedConditions.elementToBeClickable(By.linkText("Wealth club"))).click();
    wait.until(ExpectedConditions.elementToBeClickable(By.cssSelector("#community-tabs a[data-tab=games]"))).click();
    wait.until(ExpectedConditions.elementToBeClickable(By.cssSelector("tr[data-game='" + game.id() + "'] a")))
        .click();
    // the panel re-renders #live every 2 s, and its poll may show the round open before the POST's page
    Browser.clickAndAwaitNewPage(driver, By.id("open-round"), wait);
    wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#round-1[data-status=OPEN]")));

    // the members see the question and answer: a wrong one first, then two correct ones
    List<String[]> answers = List.of(new String[] {"c-cy", "A"}, new String[] {"c-bo", "选B"},
        new String[] {"c-ann", "ｂ"});
    for (String[] answer : answers) {
      driver.switchTo().window(tabs.get(answer[0]));
      wait.until(d -> roomText(d, ".kind-game").contains("Which fund is the safest?"));
      clock.advance(Duration.ofSeconds(5));
      wait.until(ExpectedConditions.elementToBeClickable(By.id("text"))).sendKeys(answer[1]);
      wait.until(ExpectedConditions.elementToBeClickable(By.id("send"))).click();
      wait.until(d -> roomText(d, ".mine").contains(answer[1]));
    }

    driver.switchTo().window(panel);
    wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#round-1 .figures[data-answers='3']")));
    assertThat(driver.findElements(By.cssSelector("#round-1 tr[data-customer]"))).hasSize(3);
    assertThat(driver.findElements(By.cssSelector("#round-1 .winner"))).as("no winner before the delay").isEmpty();
    driver.switchTo().window(tabs.get("c-ann"));
    assertThat(roomText(driver, ".kind-game")).doesNotContain("First correct answer");

    GameRound round = games.find(tenant.id(), game.id()).orElseThrow().rounds().getFirst();
    assertThat(round.closesAt()).isAfter(clock.instant());
    clock.set(round.closesAt());
    // the scheduler is off in tests: run the round's due close task as db-scheduler would
    communityGameCloseTask.execute(new TaskInstance<>(CloseSchedule.TASK, CloseSchedule.instanceId(round.id()),
        round.id()), null);

    driver.switchTo().window(panel);
    wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#round-1 .winner[data-winner='c-bo']")));
    assertThat(Browser.readReRendered(driver, By.cssSelector("#round-1 .winner"), WebElement::getText)).contains(winner);
    assertThat(Browser.readReRendered(driver, By.id("participation"), WebElement::getText)).contains(participation);
    for (String member : tabs.keySet()) {
      driver.switchTo().window(tabs.get(member));
      wait.until(d -> roomText(d, ".kind-game.from-community").contains("First correct answer: B* W***"));
      assertThat(roomText(driver, ".kind-game")).contains("Answer: B. Money market");
    }
    screenshot("library-quiz-room-375-" + language);

    ApiClient api = new ApiClient(port, tenant.apiKey());
    assertThat(api.get("/api/v1/customers/c-bo/wallet").<Number>get("balances.POINTS.available").longValue())
        .isEqualTo(100);
    assertThat(api.get("/api/v1/customers/c-ann/wallet").<Object>get("balances.POINTS")).isNull();
  }

  private static String roomText(WebDriver d, String selector) {
    return String.join("\n", d.findElements(By.cssSelector("#messages .message" + selector)).stream()
        .map(e -> e.getText()).toList());
  }

  private void screenshot(String name) throws IOException {
    Path dir = Path.of("target", "screenshots");
    Files.createDirectories(dir);
    Path shot = ((TakesScreenshot) driver).getScreenshotAs(OutputType.FILE).toPath();
    Files.copy(shot, dir.resolve(name + ".png"), StandardCopyOption.REPLACE_EXISTING);
  }
}
