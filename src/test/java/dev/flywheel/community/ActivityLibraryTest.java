package dev.flywheel.community;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flywheel.customer.Customers;
import dev.flywheel.event.EventIngestion;
import dev.flywheel.event.IncomingEvent;
import dev.flywheel.ledger.Asset;
import dev.flywheel.platform.security.Role;
import dev.flywheel.platform.time.MovableClock;
import dev.flywheel.support.RunningFlywheel;
import dev.flywheel.support.TestTenants;
import dev.flywheel.support.TestTenants.TestTenant;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** The activity library: versions, search, export with customisation, edit while in use, ranking. */
@RunningFlywheel
class ActivityLibraryTest {
  static final AtomicInteger IDS = new AtomicInteger();
  @Autowired TestTenants tenants;
  @Autowired Communities communities;
  @Autowired CommunityChat chat;
  @Autowired ActivityLibrary library;
  @Autowired ContentCalendar calendar;
  @Autowired Games games;
  @Autowired Customers customers;
  @Autowired EventIngestion events;
  @Autowired MovableClock clock;
  TestTenant tenant;
  String manager;
  long community;

  @BeforeEach
  void community() {
    tenant = tenants.create();
    manager = tenant.user(Role.EMPLOYEE);
    community = ((CommunityResult.Done) communities.create(tenant.id(), new CommunityDraft("Wealth club", "",
        ChatKind.WEB_ROOM, null, List.of(manager)), "op")).community().id();
  }

  static ActivityScript quiz(String title, String intro) {
    return new ActivityScript(title, "finance quiz", List.of("quiz", "wealth"), "Reply with one letter",
        List.of(new ActivityScript.Message(0, intro), new ActivityScript.Message(50, "Last round in 10 minutes")),
        GameForm.QUIZ, List.of(new GameQuestion("Which is safer?", List.of("Deposit", "Stocks", "Crypto"), 0),
            new GameQuestion("1 + 1 =", List.of("1", "2"), 1)), Duration.ofMinutes(3), "Try our 90-day fund",
        new GamePrize(Asset.POINTS, 100), "first correct answer each round", 60);
  }

  static ActivityScript salon(String title) {
    return new ActivityScript(title, "wealth salon", List.of("offline", "long"), "Sign up in the group",
        List.of(new ActivityScript.Message(0, "Salon starts now: " + title)), null, List.of(), null, null, null,
        "", 240);
  }

  <T> T done(CalendarResult<T> result) {
    assertThat(result).isInstanceOf(CalendarResult.Done.class);
    return ((CalendarResult.Done<T>) result).value();
  }

  @Test
  void editingAddsAVersionAndSearchFindsTheCurrentOne() {
    LibraryActivity v1 = done(library.create(tenant.id(), quiz("Spring quiz", "Welcome to the quiz"), "op"));
    LibraryActivity v2 = done(library.edit(tenant.id(), v1.id(), quiz("Spring quiz", "Welcome, round one!"), "op"));
    done(library.create(tenant.id(), salon("Retirement salon"), "op"));

    assertThat(v2.version()).isEqualTo(2);
    assertThat(library.versions(tenant.id(), v1.id())).extracting(LibraryActivity::version).containsExactly(2, 1);
    assertThat(library.find(tenant.id(), v1.id(), 1).orElseThrow().script().messages().getFirst().body())
        .isEqualTo("Welcome to the quiz");
    assertThat(library.find(tenant.id(), v1.id(), null).orElseThrow().script().questions())
        .isEqualTo(quiz("x", "y").questions());
    assertThat(library.search(tenant.id(), null, "Finance Quiz", null)).extracting(a -> a.script().title())
        .containsExactly("Spring quiz");
    assertThat(library.search(tenant.id(), null, null, "offline")).extracting(a -> a.script().title())
        .containsExactly("Retirement salon");
    assertThat(library.search(tenant.id(), "round one", null, null)).extracting(LibraryActivity::version)
        .containsExactly(2);
    assertThat(library.search(tenant.id(), "welcome to the quiz", null, null)).isEmpty(); // only in version 1
    assertThat(library.edit(tenant.id(), v1.id(), quiz("", "x"), "op"))
        .isInstanceOfSatisfying(CalendarResult.Refused.class, r -> assertThat(r.issues())
            .extracting(i -> ((dev.flywheel.platform.web.FieldIssue) i).field()).contains("title"));
  }

  @Test
  void anExportTakesACustomisedCopyThatALaterEditLeavesUnchanged() {
    LibraryActivity quiz = done(library.create(tenant.id(), quiz("Spring quiz", "Welcome to the quiz"), "op"));
    Instant start = clock.instant().plus(Duration.ofDays(2));
    LibraryExport export = done(library.export(tenant.id(), quiz.id(), new ActivityLibrary.ExportRequest(community,
        start, SopMode.AUTO, List.of("Welcome, Wealth club!"), new GamePrize(Asset.POINTS, 300), manager)));

    assertThat(export.version()).isEqualTo(1);
    assertThat(export.slots()).extracting(CalendarSlot::body)
        .containsExactly("Welcome, Wealth club!", "Last round in 10 minutes");
    assertThat(export.slots()).extracting(CalendarSlot::dueAt).containsExactly(start, start.plus(Duration.ofMinutes(50)));
    assertThat(export.slots()).allSatisfy(s -> assertThat(s.kind()).isEqualTo(SopSlotKind.GAME));
    assertThat(export.game().prize()).isEqualTo(new GamePrize(Asset.POINTS, 300));
    Game game = games.find(tenant.id(), export.gameId()).orElseThrow();
    assertThat(game.prize()).isEqualTo(new GamePrize(Asset.POINTS, 300));
    assertThat(game.source()).isEqualTo("library:" + quiz.id() + "@1");
    assertThat(game.rounds()).hasSize(2);

    // the library activity is edited while the community's copy waits to run
    done(library.edit(tenant.id(), quiz.id(), quiz("Summer quiz", "A new intro"), "op"));

    LibraryExport after = library.exported(tenant.id(), export.id()).orElseThrow();
    assertThat(after.version()).isEqualTo(1);
    assertThat(after.slots()).extracting(CalendarSlot::body)
        .containsExactly("Welcome, Wealth club!", "Last round in 10 minutes");
    assertThat(after.game()).isEqualTo(export.game());
    clock.set(start);
    calendar.fire(after.slots().getFirst().id());
    assertThat(chat.latest(tenant.id(), community, 5)).extracting(ChatMessage::body).contains("Welcome, Wealth club!")
        .doesNotContain("A new intro");
  }

  @Test
  void onlyTheCommunitysManagersExportAndBadRequestsAreRefused() {
    LibraryActivity salon = done(library.create(tenant.id(), salon("Salon"), "op"));
    Instant start = clock.instant().plus(Duration.ofDays(1));
    assertThat(library.export(tenant.id(), salon.id(), new ActivityLibrary.ExportRequest(community, start,
        SopMode.TASK, null, null, tenant.user(Role.OPERATOR))))
        .isInstanceOfSatisfying(CalendarResult.Refused.class, r -> assertThat(r.code()).isEqualTo("not-community-manager"));
    assertThat(library.export(tenant.id(), salon.id(), new ActivityLibrary.ExportRequest(999_999_999L, start,
        SopMode.TASK, null, null, manager)))
        .isInstanceOfSatisfying(CalendarResult.Refused.class, r -> assertThat(r.code()).isEqualTo("community-not-found"));
    assertThat(library.export(tenant.id(), salon.id(), new ActivityLibrary.ExportRequest(community,
        clock.instant().minusSeconds(60), SopMode.TASK, List.of("a", "b"), null, manager)))
        .isInstanceOfSatisfying(CalendarResult.Refused.class, r -> assertThat(r.issues())
            .extracting(i -> ((dev.flywheel.platform.web.FieldIssue) i).field()).containsExactly("starts_at", "texts"));
    assertThat(calendar.week(tenant.id(), community, java.time.LocalDate.ofInstant(start,
        java.time.ZoneId.of("Asia/Shanghai")))).isEmpty();
  }

  @Test
  void theActivitiesWhoseRunsEngageAndConvertMoreRankFirst() {
    for (String c : List.of("c1", "c2", "c3", "c4")) {
      customers.saveProfile(tenant.id(), c, Map.of("name", c));
      communities.join(tenant.id(), community, c, c);
    }
    LibraryActivity lively = done(library.create(tenant.id(), salon("Lively salon"), "op"));
    LibraryActivity quiet = done(library.create(tenant.id(), salon("Quiet salon"), "op"));
    LibraryActivity unused = done(library.create(tenant.id(), salon("Unused salon"), "op"));
    Instant first = clock.instant().plus(Duration.ofHours(1));
    Instant second = first.plus(Duration.ofDays(1));
    export(quiet, first);
    export(lively, second);
    export(lively, second.plus(Duration.ofDays(30))); // planned, not yet run

    clock.set(first.plus(Duration.ofMinutes(5)));
    say("c1");
    clock.set(second.plus(Duration.ofMinutes(5)));
    say("c1");
    say("c2");
    say("c3");
    events.ingest(tenant.id(), IncomingEvent.of("inv-" + IDS.incrementAndGet() + "-" + tenant.id(), "c2", "investment",
        clock.instant(), Map.of("amount", new BigDecimal("5000"), "product", "fund", "term_days", 30)));

    List<ActivityUsage> ranking = library.ranking(tenant.id());

    assertThat(ranking).extracting(ActivityUsage::activityId).containsExactly(lively.id(), quiet.id(), unused.id());
    ActivityUsage top = ranking.getFirst();
    assertThat(top.timesUsed()).isEqualTo(2);
    assertThat(top.runs()).isEqualTo(1);
    assertThat(top.communities()).isEqualTo(1);
    assertThat(top.participation()).isEqualTo(0.75);
    assertThat(top.conversions()).isEqualTo(1);
    assertThat(top.score()).isEqualTo(0.75 + 2 * 0.25);
    // c2 invested within 7 days after the quiet salon too: both runs count the conversion
    assertThat(ranking.get(1).participation()).isEqualTo(0.25);
    assertThat(ranking.get(1).conversions()).isEqualTo(1);
    assertThat(ranking.get(2).runs()).isZero();
  }

  private void export(LibraryActivity a, Instant start) {
    done(library.export(tenant.id(), a.id(), new ActivityLibrary.ExportRequest(community, start, SopMode.TASK, null,
        null, manager)));
  }

  private void say(String customer) {
    chat.receive(tenant.id(), community, new Inbound("m-" + IDS.incrementAndGet(), customer, customer, "hi"));
  }
}
