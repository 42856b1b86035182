package dev.flywheel.community;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flywheel.customer.Customers;
import dev.flywheel.ledger.Asset;
import dev.flywheel.platform.security.Role;
import dev.flywheel.platform.time.MovableClock;
import dev.flywheel.support.ConsoleSession;
import dev.flywheel.support.RunningFlywheel;
import dev.flywheel.support.TestTenants;
import dev.flywheel.support.TestTenants.TestTenant;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * The community module as one product in the console: the sidebar leads to the communities, the SOP
 * calendar, the activity library and the SOP templates; a community's tab bar leads to its games,
 * calendar and weekly report; every page answers 200 for the community's manager, and none of them
 * misses a Chinese message ({@code ??key??}).
 */
@RunningFlywheel
class CommunityNavigationTest {
  private static final Pattern HREF = Pattern.compile("<a [^>]*href=\"([^\"]+)\"[^>]*>");
  @Autowired TestTenants tenants;
  @Autowired Communities communities;
  @Autowired CommunityChat chat;
  @Autowired Customers customers;
  @Autowired ContentCalendar calendar;
  @Autowired ActivityLibrary library;
  @Autowired MovableClock clock;
  @LocalServerPort int port;
  private TestTenant tenant;
  private long club;
  private long activity;
  private long game;

  @BeforeEach
  void club() {
    tenant = tenants.create();
    customers.saveProfile(tenant.id(), "c1", Map.of("name", "Ann Lee"));
    customers.addTags(tenant.id(), Map.of("c1", List.of("loan", "wealth")));
    club = ((CommunityResult.Done) communities.create(tenant.id(), new CommunityDraft("Loan club", "Loans",
        ChatKind.WEB_ROOM, null, List.of(tenant.user(Role.EMPLOYEE))), "test")).community().id();
    communities.join(tenant.id(), club, "c1", "A** L**");
    chat.receive(tenant.id(), club, new Inbound("m-1", "c1", "A** L**", "When is the quiz?"));
    long template = ((CalendarResult.Done<SopTemplate>) calendar.saveTemplate(tenant.id(), null, "Week", "",
        List.of(new SopTemplate.Slot(null, DayOfWeek.SUNDAY, LocalTime.of(23, 0), SopSlotKind.NEWS, SopMode.TASK,
            "Market news", "This week's markets", null, null)), "test")).value().id();
    calendar.apply(tenant.id(), club, template, calendar.today(tenant.id()).plusWeeks(1), "test");
    activity = ((CalendarResult.Done<LibraryActivity>) library.create(tenant.id(), new ActivityScript("Fund quiz",
        "funds", List.of("quiz"), "First correct wins", List.of(new ActivityScript.Message(0, "Quiz time!")),
        GameForm.QUIZ, List.of(new GameQuestion("Safest?", List.of("Stocks", "Money market"), 1)),
        Duration.ofMinutes(3), null, new GamePrize(Asset.POINTS, 10), "first correct answer", 60), "test")).value()
        .id();
    game = ((CalendarResult.Done<LibraryExport>) library.export(tenant.id(), activity, new ActivityLibrary.ExportRequest(
        club, clock.instant().plus(Duration.ofDays(1)), SopMode.AUTO, null, null, tenant.user(Role.EMPLOYEE))))
        .value().gameId();
  }

  private ConsoleSession as(Role role) {
    return new ConsoleSession(port).login(tenant.user(role), TestTenants.PASSWORD);
  }

  @Test
  void everyCommunityPageIsReachableByClickingFromTheSidebarAndTheCommunityTabs() {
    ConsoleSession manager = as(Role.EMPLOYEE);
    String home = manager.get("/console").body();
    List<String> sidebar = links(home);
    assertThat(sidebar).contains("/console/communities", "/console/community-calendar", "/console/community-library")
        .doesNotContain("/console/community-sop-templates");
    assertThat(links(as(Role.OPERATOR).get("/console").body())).contains("/console/community-sop-templates");

    String page = manager.get("/console/communities/" + club).body();
    String tabs = page.substring(page.indexOf("id=\"community-tabs\""), page.indexOf("</nav>",
        page.indexOf("id=\"community-tabs\"")));
    String base = "/console/communities/" + club;
    assertThat(links(tabs)).containsExactly(base, base + "/chat", base + "/members", base + "/suggestions",
        base + "/games", base + "/calendar", base + "/report");
    for (String tab : links(tabs)) {
      var response = manager.get(tab);
      assertThat(response.statusCode()).as(tab).isEqualTo(200);
      assertThat(response.body()).as(tab).contains("id=\"community-tabs\"", "Loan club");
    }
    String games = manager.get(base + "/games").body();
    assertThat(links(games)).contains(base + "/games/" + game);
    assertThat(manager.get(base + "/games/" + game).body()).contains("Fund quiz", "id=\"community-tabs\"");
    assertThat(manager.get(base + "/calendar?week=" + calendar.today(tenant.id()).plusWeeks(1)).body())
        .contains("Market news", "data-tab=\"calendar\" class=\"on\"");
    assertThat(manager.get(base + "/report").body()).contains("id=\"weekly-report\"");
    assertThat(manager.get("/console/communities/999999999/calendar").statusCode()).isEqualTo(404);
  }

  @Test
  void theCommunityPagesInChineseMissNoMessage() {
    ConsoleSession manager = as(Role.EMPLOYEE);
    String base = "/console/communities/" + club;
    List<String> pages = new ArrayList<>(List.of("/console", "/console/communities", base, base + "/chat",
        base + "/members", base + "/suggestions", base + "/suggestions?target=loan:50,wealth:50", base + "/games",
        base + "/games/" + game, base + "/calendar", base + "/report", "/console/community-calendar",
        "/console/community-calendar/report", "/console/community-library", "/console/community-library/new",
        "/console/community-library/" + activity));
    check(manager, pages);
    ConsoleSession operator = as(Role.OPERATOR);
    check(operator, List.of("/console/communities/new", "/console/community-sop-templates"));
  }

  private static void check(ConsoleSession session, List<String> pages) {
    for (String path : pages) {
      var response = session.get(path + (path.contains("?") ? "&" : "?") + "lang=zh_CN");
      assertThat(response.statusCode()).as(path).isEqualTo(200);
      assertThat(response.body()).as(path).contains("lang=\"zh-CN\"").doesNotContain("??");
    }
  }

  private static List<String> links(String html) {
    List<String> found = new ArrayList<>();
    Matcher m = HREF.matcher(html);
    while (m.find()) {
      found.add(m.group(1).replace("&amp;", "&"));
    }
    return found;
  }
}
