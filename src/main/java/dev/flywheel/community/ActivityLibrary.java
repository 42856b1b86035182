package dev.flywheel.community;

import dev.flywheel.community.library.LibraryStore;
import dev.flywheel.community.library.LibraryUsage;
import dev.flywheel.community.library.ScriptChecks;
import dev.flywheel.community.sop.SlotSchedule;
import dev.flywheel.community.sop.SlotStore;
import dev.flywheel.community.sop.TenantWeeks;
import dev.flywheel.platform.web.FieldIssue;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.interceptor.TransactionAspectSupport;

/**
 * The activity library (seed 001): activity scripts, versioned (an edit adds a version; what a
 * community took keeps its version and its copy), searchable by theme, tag and text, exported
 * into a community's calendar by its account manager, and ranked by how their runs did.
 */
@Service
public class ActivityLibrary {
  private final LibraryStore store;
  private final LibraryUsage usage;
  private final SlotStore slots;
  private final SlotSchedule schedule;
  private final Communities communities;
  private final Games games;
  private final TenantWeeks weeks;
  private final Clock clock;

  ActivityLibrary(LibraryStore store, LibraryUsage usage, SlotStore slots, SlotSchedule schedule,
      Communities communities, Games games, TenantWeeks weeks, Clock clock) {
    this.store = store;
    this.usage = usage;
    this.slots = slots;
    this.schedule = schedule;
    this.communities = communities;
    this.games = games;
    this.weeks = weeks;
    this.clock = clock;
  }

  /**
   * What an account manager asks for when pulling an activity into a community.
   *
   * @param mode AUTO (the messages are posted at their times) or TASK (each is a task for the managers)
   * @param texts replacement message bodies by position (null or a blank entry keeps the script's)
   * @param prize replaces the script's prize; null keeps it
   */
  public record ExportRequest(long communityId, Instant startsAt, SopMode mode, List<String> texts, GamePrize prize,
      String manager) {}

  @Transactional
  public CalendarResult<LibraryActivity> create(long tenantId, ActivityScript script, String actor) {
    List<FieldIssue> issues = ScriptChecks.check(script);
    if (!issues.isEmpty()) {
      return new CalendarResult.Refused<>("invalid-activity", "The activity has invalid fields", issues);
    }
    long id = store.create(tenantId, script, actor, clock.instant());
    return new CalendarResult.Done<>(store.version(tenantId, id, null).orElseThrow());
  }

  /** Adds a version; exports made before keep theirs. */
  @Transactional
  public CalendarResult<LibraryActivity> edit(long tenantId, long id, ActivityScript script, String actor) {
    List<FieldIssue> issues = ScriptChecks.check(script);
    if (!issues.isEmpty()) {
      return new CalendarResult.Refused<>("invalid-activity", "The activity has invalid fields", issues);
    }
    return store.edit(tenantId, id, script, actor, clock.instant())
        .<CalendarResult<LibraryActivity>>map(v -> new CalendarResult.Done<>(store.version(tenantId, id, v).orElseThrow()))
        .orElseGet(() -> CalendarResult.refused("activity-not-found", "No library activity " + id));
  }

  /** The current version, or the given one. */
  public Optional<LibraryActivity> find(long tenantId, long id, Integer version) {
    return store.version(tenantId, id, version);
  }

  public List<LibraryActivity> versions(long tenantId, long id) {
    return store.versions(tenantId, id);
  }

  public List<LibraryActivity> search(long tenantId, String text, String theme, String tag) {
    return store.search(tenantId, text, theme, tag);
  }

  /** Every activity with its usage, best first. */
  public List<ActivityUsage> ranking(long tenantId) {
    return usage.ranking(tenantId);
  }

  /**
   * "Export to my community": copies the current version's messages (customised) into the
   * community's calendar, one slot per message at start + offset, and for a game form prepares
   * the (customised) game on the games desk. Only the community's account managers may.
   */
  @Transactional
  public CalendarResult<LibraryExport> export(long tenantId, long activityId, ExportRequest request) {
    Optional<Community> community = communities.find(tenantId, request.communityId());
    if (community.isEmpty()) {
      return CalendarResult.refused("community-not-found", "No community " + request.communityId());
    }
    if (community.get().archived()) {
      return CalendarResult.refused("community-archived", "The community is archived");
    }
    if (request.manager() == null || !community.get().managedBy(request.manager())) {
      return CalendarResult.refused("not-community-manager", "Only the community's account managers export into it",
          new FieldIssue("manager", "not-manager", "an account manager of the community"));
    }
    Optional<LibraryActivity> found = store.version(tenantId, activityId, null);
    if (found.isEmpty()) {
      return CalendarResult.refused("activity-not-found", "No library activity " + activityId);
    }
    ActivityScript script = found.get().script();
    List<FieldIssue> issues = exportIssues(request, script);
    if (!issues.isEmpty()) {
      return new CalendarResult.Refused<>("invalid-export", "The export has invalid fields", issues);
    }
    GameSpec spec = customised(script, request.prize());
    if (spec != null && !Games.check(spec).isEmpty()) {
      return new CalendarResult.Refused<>("invalid-game", "The game has invalid fields", Games.check(spec));
    }
    Instant now = clock.instant();
    long exportId = store.export(tenantId, request.communityId(), activityId, found.get().version(),
        request.startsAt(), script.durationMinutes(), spec, request.manager(), now);
    Long gameId = null;
    if (spec != null) {
      switch (games.create(tenantId, request.communityId(), spec,
          "library:" + activityId + "@" + found.get().version(), request.manager())) {
        case GameResult.Done d -> gameId = d.game().id();
        case GameResult.Refused r -> {
          TransactionAspectSupport.currentTransactionStatus().setRollbackOnly();
          return new CalendarResult.Refused<>(r.code(), r.message(), r.issues());
        }
      }
      store.gamePrepared(exportId, gameId);
    }
    plan(tenantId, exportId, script, request, now);
    return new CalendarResult.Done<>(new LibraryExport(exportId, request.communityId(), activityId,
        found.get().version(), request.startsAt(), slots.ofExport(exportId, now), spec, gameId, request.manager()));
  }

  public Optional<LibraryExport> exported(long tenantId, long exportId) {
    Instant now = clock.instant();
    return store.findExport(tenantId, exportId).map(e -> new LibraryExport(e.id(), e.communityId(), e.activityId(),
        e.version(), e.startsAt(), slots.ofExport(e.id(), now), e.game(), e.gameId(), e.exportedBy()));
  }

  private void plan(long tenantId, long exportId, ActivityScript script, ExportRequest request, Instant now) {
    SopSlotKind kind = script.game() ? SopSlotKind.GAME : SopSlotKind.LONG_ACTIVITY;
    SopMode mode = request.mode() == null ? SopMode.AUTO : request.mode();
    int n = script.messages().size();
    for (int i = 0; i < n; i++) {
      ActivityScript.Message m = script.messages().get(i);
      String text = request.texts() != null && i < request.texts().size() && request.texts().get(i) != null
          && !request.texts().get(i).isBlank() ? request.texts().get(i) : m.body();
      Instant due = request.startsAt().plus(Duration.ofMinutes(m.offsetMinutes()));
      LocalDate monday = TenantWeeks.monday(LocalDate.ofInstant(due, weeks.zone(tenantId)));
      String title = n == 1 ? script.title() : script.title() + " (" + (i + 1) + "/" + n + ")";
      long id = slots.insert(new SlotStore.NewSlot(tenantId, request.communityId(), null, null, exportId, monday, due,
          kind, mode, title, text, request.manager()), now).orElseThrow();
      schedule.fireAt(id, due);
    }
  }

  private List<FieldIssue> exportIssues(ExportRequest request, ActivityScript script) {
    List<FieldIssue> issues = new ArrayList<>();
    if (request.startsAt() == null || request.startsAt().isBefore(clock.instant())) {
      issues.add(new FieldIssue("starts_at", "invalid", "a time in the future"));
    }
    List<String> texts = request.texts() == null ? List.of() : request.texts();
    if (texts.size() > script.messages().size()) {
      issues.add(new FieldIssue("texts", "too-many", "at most one text per script message ("
          + script.messages().size() + ")"));
    }
    for (int i = 0; i < texts.size(); i++) {
      if (texts.get(i) != null && texts.get(i).length() > 4000) {
        issues.add(new FieldIssue("texts[" + i + "]", "too-long", "at most 4000 characters"));
      }
    }
    if (request.prize() != null && (request.prize().asset() == null || request.prize().amount() <= 0)) {
      issues.add(new FieldIssue("prize", "invalid", "an asset and a positive amount"));
    }
    return issues;
  }

  private static GameSpec customised(ActivityScript script, GamePrize prize) {
    GameSpec spec = script.gameSpec();
    return spec == null || prize == null ? spec : new GameSpec(spec.form(), spec.title(), spec.rules(),
        spec.questions(), spec.revealDelay(), prize, spec.productPost());
  }
}
