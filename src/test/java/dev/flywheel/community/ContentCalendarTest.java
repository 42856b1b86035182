package dev.flywheel.community;

import static org.assertj.core.api.Assertions.assertThat;

import com.github.kagkarlsson.scheduler.task.helper.OneTimeTask;
import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetupTest;
import dev.flywheel.community.sop.SlotSchedule;
import dev.flywheel.platform.security.ConsoleUsers;
import dev.flywheel.platform.security.Role;
import dev.flywheel.platform.time.MovableClock;
import dev.flywheel.support.ApiClient;
import dev.flywheel.support.Race;
import dev.flywheel.support.RunningFlywheel;
import dev.flywheel.support.TestTenants;
import dev.flywheel.support.TestTenants.TestTenant;
import jakarta.mail.internet.MimeMessage;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/** The weekly content SOP: a template becomes a week of slots at local times, each fired exactly once. */
@RunningFlywheel
class ContentCalendarTest {
  @RegisterExtension
  static final GreenMailExtension MAIL = new GreenMailExtension(ServerSetupTest.SMTP.dynamicPort());
  static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");

  @Autowired TestTenants tenants;
  @Autowired Communities communities;
  @Autowired ContentCalendar calendar;
  @Autowired ConsoleUsers users;
  @Autowired MovableClock clock;
  @Autowired JdbcClient jdbc;
  @Autowired OneTimeTask<Long> communitySopSlotTask;
  @LocalServerPort int port;
  TestTenant tenant;
  String manager;
  long community;
  LocalDate monday;

  @BeforeEach
  void community() {
    tenant = tenants.create();
    manager = "wang.fang." + tenant.tenant().slug() + "@bank.example";
    users.create(tenant.id(), manager, "Wang Fang", TestTenants.PASSWORD, EnumSet.of(Role.EMPLOYEE));
    community = ((CommunityResult.Done) communities.create(tenant.id(), new CommunityDraft("Wealth club", "",
        ChatKind.WEB_ROOM, null, List.of(manager)), "op")).community().id();
    monday = LocalDate.ofInstant(clock.instant(), SHANGHAI).plusWeeks(1).with(DayOfWeek.MONDAY);
  }

  static SopTemplate.Slot slot(DayOfWeek day, String time, SopSlotKind kind, SopMode mode, String title) {
    return new SopTemplate.Slot(null, day, LocalTime.parse(time), kind, mode, title, title + " — today's text", null,
        null);
  }

  SopTemplate template() {
    List<SopTemplate.Slot> slots = List.of(
        slot(DayOfWeek.MONDAY, "09:30", SopSlotKind.PRODUCT_INFO, SopMode.AUTO, "Fund of the week"),
        slot(DayOfWeek.TUESDAY, "20:00", SopSlotKind.GAME, SopMode.TASK, "Pinyin game"),
        slot(DayOfWeek.WEDNESDAY, "08:00", SopSlotKind.NEWS, SopMode.AUTO, "Morning finance news"),
        slot(DayOfWeek.THURSDAY, "20:00", SopSlotKind.GAME, SopMode.TASK, "Dice game"),
        slot(DayOfWeek.SATURDAY, "14:00", SopSlotKind.LONG_ACTIVITY, SopMode.TASK, "Half-day wealth salon"),
        new SopTemplate.Slot(null, DayOfWeek.FRIDAY, LocalTime.NOON, SopSlotKind.PROMOTION, SopMode.AUTO,
            "Card promotion", "Deposit promotion ends Friday", monday.minusWeeks(3), monday.minusWeeks(2)));
    return ((CalendarResult.Done<SopTemplate>) calendar.saveTemplate(tenant.id(), null, "Standard week", "",
        slots, "op")).value();
  }

  List<CalendarSlot> apply(SopTemplate template) {
    return ((CalendarResult.Done<List<CalendarSlot>>) calendar.apply(tenant.id(), community, template.id(),
        monday.plusDays(3), "op")).value();
  }

  @Test
  void aTemplateBecomesTheWeeksSlotsAtTheirLocalTimesWithDurableTasks() {
    List<CalendarSlot> week = apply(template());

    assertThat(week).extracting(s -> LocalDateTime.ofInstant(s.dueAt(), SHANGHAI)).containsExactly(
        monday.atTime(9, 30), monday.plusDays(1).atTime(20, 0), monday.plusDays(2).atTime(8, 0),
        monday.plusDays(3).atTime(20, 0), monday.plusDays(5).atTime(14, 0));
    assertThat(week).allSatisfy(s -> {
      assertThat(s.weekStart()).isEqualTo(monday);
      assertThat(s.status()).isEqualTo("PLANNED");
      assertThat(jdbc.sql("select execution_time from scheduled_tasks where task_name = :n and task_instance = :i")
          .param("n", SlotSchedule.TASK).param("i", "sop-slot-" + s.id())
          .query((rs, i) -> rs.getTimestamp(1).toInstant()).single()).isEqualTo(s.dueAt());
    });
    // the promotion's dates are over: not in this week
    assertThat(week).extracting(CalendarSlot::kind).doesNotContain(SopSlotKind.PROMOTION);
    // applying again adds nothing
    assertThat(apply(calendar.template(tenant.id(), week.getFirst().templateId()).orElseThrow()))
        .extracting(CalendarSlot::id).containsExactlyElementsOf(week.stream().map(CalendarSlot::id).toList());
  }

  @Test
  void anAutoSlotPostsExactlyOnceHoweverOftenItsTaskRuns() throws Exception {
    CalendarSlot auto = apply(template()).getFirst();
    clock.set(auto.dueAt());

    assertThat(calendar.fire(auto.id())).isTrue();
    assertThat(calendar.fire(auto.id())).isFalse();
    // a "restart": the registered task's code runs the instance again
    communitySopSlotTask.execute(communitySopSlotTask.instance(SlotSchedule.instanceId(auto.id()), auto.id()), null);

    assertThat(posts("sop-slot:" + auto.id())).isEqualTo(1);
    CalendarSlot done = calendar.slot(tenant.id(), auto.id()).orElseThrow();
    assertThat(done.status()).isEqualTo("DONE");
    assertThat(done.postId()).isNotNull();
    assertThat(jdbc.sql("select kind, body, sender_name from community_messages where id = :id")
        .param("id", done.postId()).query((rs, i) -> rs.getString(1) + "|" + rs.getString(2) + "|" + rs.getString(3))
        .single()).isEqualTo("SOP|Fund of the week — today's text|Wang Fang");
  }

  @Test
  void twoNodesFiringTheSameSlotAtOncePostOnce() throws Exception {
    CalendarSlot news = apply(template()).get(2);
    clock.set(news.dueAt());
    List<Boolean> fired = Race.run(4, i -> calendar.fire(news.id()));
    assertThat(fired).containsOnlyOnce(true);
    assertThat(posts("sop-slot:" + news.id())).isEqualTo(1);
  }

  @Test
  void aTaskSlotRemindsItsManagerOnceByMailAndIsMarkedDoneByThemOnly() throws Exception {
    ApiClient api = new ApiClient(port, tenant.apiKey());
    assertThat(api.put("/api/v1/reach/providers/email", Map.of("name", "mailer", "smtp", Map.of("host", "127.0.0.1",
        "port", MAIL.getSmtp().getPort(), "from", "growth@bank.example"))).status()).isEqualTo(201);
    CalendarSlot game = apply(template()).get(1);
    clock.set(game.dueAt().plus(Duration.ofMinutes(1)));
    assertThat(calendar.slot(tenant.id(), game.id()).orElseThrow().overdue()).isTrue();

    assertThat(calendar.fire(game.id())).isTrue();
    assertThat(calendar.fire(game.id())).isFalse();

    List<MimeMessage> mails = Arrays.stream(MAIL.getReceivedMessages()).filter(m -> to(m).contains(manager)).toList();
    assertThat(mails).singleElement().satisfies(m -> {
      assertThat(m.getSubject()).isEqualTo("[Flywheel] SOP: Pinyin game");
      assertThat(m.getContent().toString()).contains("Wealth club", "Pinyin game — today's text",
          monday.plusDays(1) + " 20:00");
    });
    assertThat(jdbc.sql("select email_status from community_sop_reminders where slot_id = :s").param("s", game.id())
        .query(String.class).list()).containsExactly("SENT");
    assertThat(calendar.slot(tenant.id(), game.id()).orElseThrow().status()).isEqualTo("REMINDED");
    assertThat(calendar.openTasks(tenant.id(), manager)).extracting(CalendarSlot::id).contains(game.id());

    assertThat(calendar.markDone(tenant.id(), game.id(), tenant.user(Role.EMPLOYEE)))
        .isInstanceOfSatisfying(CalendarResult.Refused.class, r -> assertThat(r.code()).isEqualTo("not-community-manager"));
    CalendarResult<CalendarSlot> done = calendar.markDone(tenant.id(), game.id(), manager);
    assertThat(done).isInstanceOfSatisfying(CalendarResult.Done.class, d -> {
      CalendarSlot s = (CalendarSlot) d.value();
      assertThat(s.status()).isEqualTo("DONE");
      assertThat(s.doneBy()).isEqualTo(manager);
      assertThat(s.overdue()).isFalse();
    });
    assertThat(calendar.markDone(tenant.id(), game.id(), manager))
        .isInstanceOfSatisfying(CalendarResult.Refused.class, r -> assertThat(r.code()).isEqualTo("slot-already-done"));
    assertThat(calendar.openTasks(tenant.id(), manager)).extracting(CalendarSlot::id).doesNotContain(game.id());
  }

  @Test
  void anArchivedCommunitysTaskSlotRemindsNobodyAndIsSkippedWithItsReason() throws Exception {
    ApiClient api = new ApiClient(port, tenant.apiKey());
    assertThat(api.put("/api/v1/reach/providers/email", Map.of("name", "mailer", "smtp", Map.of("host", "127.0.0.1",
        "port", MAIL.getSmtp().getPort(), "from", "growth@bank.example"))).status()).isEqualTo(201);
    List<CalendarSlot> week = apply(template());
    CalendarSlot game = week.get(1);
    CalendarSlot auto = week.get(2);
    assertThat(communities.archive(tenant.id(), community)).isInstanceOf(CommunityResult.Done.class);
    clock.set(auto.dueAt().plus(Duration.ofMinutes(1)));

    assertThat(calendar.fire(game.id())).isTrue();
    assertThat(calendar.fire(game.id())).isFalse();
    assertThat(calendar.fire(auto.id())).isTrue();

    assertThat(Arrays.stream(MAIL.getReceivedMessages()).filter(m -> to(m).contains(manager))
        .map(ContentCalendarTest::subject)).as("reminder mails").isEmpty();
    assertThat(jdbc.sql("select count(*) from community_sop_reminders where slot_id = :s").param("s", game.id())
        .query(Long.class).single()).isZero();
    assertThat(List.of(calendar.slot(tenant.id(), game.id()).orElseThrow(),
        calendar.slot(tenant.id(), auto.id()).orElseThrow())).allSatisfy(s -> {
          assertThat(s.status()).isEqualTo("SKIPPED");
          assertThat(s.skipReason()).isEqualTo("community-archived");
          assertThat(s.doneBy()).isNull();
          assertThat(s.overdue()).isFalse();
        });
    assertThat(posts("sop-slot:" + auto.id())).isZero();
    assertThat(calendar.openTasks(tenant.id(), manager)).extracting(CalendarSlot::id).doesNotContain(game.id());
  }

  private int posts(String reference) {
    return jdbc.sql("select count(*) from community_messages where tenant_id = :t and reference = :r")
        .param("t", tenant.id()).param("r", reference).query(Long.class).single().intValue();
  }

  private static String subject(MimeMessage m) {
    try {
      return m.getSubject();
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  private static String to(MimeMessage m) {
    try {
      return Arrays.toString(m.getAllRecipients());
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }
}
