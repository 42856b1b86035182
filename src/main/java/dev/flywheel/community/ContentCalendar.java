package dev.flywheel.community;

import dev.flywheel.community.sop.SlotFiring;
import dev.flywheel.community.sop.SlotSchedule;
import dev.flywheel.community.sop.SlotStore;
import dev.flywheel.community.sop.TemplateChecks;
import dev.flywheel.community.sop.SopTemplateStore;
import dev.flywheel.community.sop.TenantWeeks;
import dev.flywheel.community.sop.WeeklyFigures;
import dev.flywheel.community.store.CommunityStore;
import dev.flywheel.platform.web.FieldIssue;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The weekly content SOP of communities (seed 001): operators' templates, each community's
 * calendar of slots week by week, slots fired once when due ({@code sop-slot-<id>}), TASK slots
 * marked done by the account managers, and the weekly report. A refusal is a value.
 */
@Service
public class ContentCalendar {
  private final SopTemplateStore templates;
  private final SlotStore slots;
  private final SlotSchedule schedule;
  private final SlotFiring firing;
  private final WeeklyFigures figures;
  private final TenantWeeks weeks;
  private final CommunityStore communities;
  private final Clock clock;

  ContentCalendar(SopTemplateStore templates, SlotStore slots, SlotSchedule schedule, SlotFiring firing,
      WeeklyFigures figures, TenantWeeks weeks, CommunityStore communities, Clock clock) {
    this.templates = templates;
    this.slots = slots;
    this.schedule = schedule;
    this.firing = firing;
    this.figures = figures;
    this.weeks = weeks;
    this.communities = communities;
    this.clock = clock;
  }

  /** Creates a template ({@code templateId} null) or replaces one's name and slots. */
  @Transactional
  public CalendarResult<SopTemplate> saveTemplate(long tenantId, Long templateId, String name, String description,
      List<SopTemplate.Slot> slotDrafts, String actor) {
    List<FieldIssue> issues = TemplateChecks.check(name, slotDrafts);
    if (!issues.isEmpty()) {
      return new CalendarResult.Refused<>("invalid-template", "The template has invalid fields", issues);
    }
    if (templateId != null && templates.find(tenantId, templateId).isEmpty()) {
      return CalendarResult.refused("template-not-found", "No SOP template " + templateId);
    }
    if (templates.nameTaken(tenantId, name.strip(), templateId)) {
      return CalendarResult.refused("template-name-taken", "Another template has this name",
          new FieldIssue("name", "taken", "choose another name"));
    }
    String text = description == null ? "" : description.strip();
    long id = templateId != null ? templateId : templates.create(tenantId, name.strip(), text, actor, clock.instant());
    if (templateId != null) {
      templates.update(tenantId, id, name.strip(), text, clock.instant());
    }
    templates.replaceSlots(id, slotDrafts.stream().map(s -> new SopTemplate.Slot(null, s.weekday(), s.time(),
        s.kind(), s.mode(), s.title().strip(), s.body(), s.validFrom(), s.validTo())).toList());
    return new CalendarResult.Done<>(templates.find(tenantId, id).orElseThrow());
  }

  public List<SopTemplate> templates(long tenantId) {
    return templates.list(tenantId);
  }

  public Optional<SopTemplate> template(long tenantId, long id) {
    return templates.find(tenantId, id);
  }

  /**
   * Materialises the template's slots for the week (Monday to Sunday, tenant's zone) containing
   * {@code anyDay} in the community's calendar, each due at its local time, skipping slots already
   * past and promotions outside their dates. Applying again adds nothing twice.
   */
  @Transactional
  public CalendarResult<List<CalendarSlot>> apply(long tenantId, long communityId, long templateId, LocalDate anyDay,
      String actor) {
    Optional<Community> community = communities.find(tenantId, communityId);
    if (community.isEmpty()) {
      return CalendarResult.refused("community-not-found", "No community " + communityId);
    }
    if (community.get().archived()) {
      return CalendarResult.refused("community-archived", "The community is archived");
    }
    Optional<SopTemplate> template = templates.find(tenantId, templateId);
    if (template.isEmpty()) {
      return CalendarResult.refused("template-not-found", "No SOP template " + templateId,
          new FieldIssue("template_id", "unknown", "a template of this tenant"));
    }
    ZoneId zone = weeks.zone(tenantId);
    LocalDate monday = TenantWeeks.monday(anyDay);
    Instant now = clock.instant();
    for (SopTemplate.Slot s : template.get().slots()) {
      LocalDate date = monday.plusDays(s.weekday().getValue() - 1L);
      Instant due = date.atTime(s.time()).atZone(zone).toInstant();
      if (!s.runsOn(date) || due.isBefore(now)) {
        continue;
      }
      slots.insert(new SlotStore.NewSlot(tenantId, communityId, templateId, s.id(), null, monday, due, s.kind(),
          s.mode(), s.title(), s.body(), actor), now).ifPresent(id -> schedule.fireAt(id, due));
    }
    return new CalendarResult.Done<>(week(tenantId, communityId, monday));
  }

  /** The community's slots in the week containing {@code anyDay}, by due time. */
  public List<CalendarSlot> week(long tenantId, long communityId, LocalDate anyDay) {
    return slots.week(tenantId, communityId, TenantWeeks.monday(anyDay), clock.instant());
  }

  public Optional<CalendarSlot> slot(long tenantId, long slotId) {
    return slots.find(tenantId, slotId, clock.instant());
  }

  /** An account manager marks a TASK slot of a community they manage done. */
  @Transactional
  public CalendarResult<CalendarSlot> markDone(long tenantId, long slotId, String username) {
    Optional<CalendarSlot> slot = slot(tenantId, slotId);
    if (slot.isEmpty()) {
      return CalendarResult.refused("slot-not-found", "No calendar slot " + slotId);
    }
    if (!managedBy(tenantId, slot.get().communityId(), username)) {
      return CalendarResult.refused("not-community-manager", "Only the community's account managers mark its tasks done");
    }
    if (slot.get().mode() != SopMode.TASK) {
      return CalendarResult.refused("slot-is-automatic", "An AUTO slot is done when it is posted");
    }
    if (!slots.markDone(tenantId, slotId, username, clock.instant())) {
      return CalendarResult.refused("slot-already-done", "The slot is done already");
    }
    return new CalendarResult.Done<>(slot(tenantId, slotId).orElseThrow());
  }

  /** TASK slots the user still has to do: overdue ones and those due within a day. */
  public List<CalendarSlot> openTasks(long tenantId, String username) {
    Instant now = clock.instant();
    return slots.openTasks(tenantId, username, now.plus(Duration.ofDays(1)), now);
  }

  /** What the {@code sop-slot-<id>} task runs: fires the slot unless it fired already; true when this call fired it. */
  public boolean fire(long slotId) {
    return firing.fire(slotId);
  }

  /** The weekly report of the week containing {@code anyDay}; empty for an unknown community. */
  public Optional<WeeklyReport> report(long tenantId, long communityId, LocalDate anyDay) {
    return communities.find(tenantId, communityId)
        .map(c -> figures.report(tenantId, communityId, TenantWeeks.monday(anyDay)));
  }

  public ZoneId zone(long tenantId) {
    return weeks.zone(tenantId);
  }

  public LocalDate today(long tenantId) {
    return LocalDate.ofInstant(clock.instant(), weeks.zone(tenantId));
  }

  boolean managedBy(long tenantId, long communityId, String username) {
    return communities.find(tenantId, communityId).map(c -> c.managedBy(username)).orElse(false);
  }

}
