package dev.flywheel.community.sop;

import dev.flywheel.community.CalendarSlot;
import dev.flywheel.community.ChatMessage;
import dev.flywheel.community.Community;
import dev.flywheel.community.CommunityChat;
import dev.flywheel.community.Post;
import dev.flywheel.community.PostKind;
import dev.flywheel.community.SopMode;
import dev.flywheel.community.store.CommunityStore;
import dev.flywheel.platform.security.ConsoleUser;
import dev.flywheel.platform.security.ConsoleUsers;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * What a due slot does, exactly once: the firing is claimed by a conditional update in the same
 * transaction as its effect, so a task run twice (a retry, a restart, two nodes) acts once. A slot
 * of an archived (or deleted) community is SKIPPED with its reason ({@code skip_reason}), posting and
 * reminding nobody. AUTO:
 * posted through {@link CommunityChat#post} (kind SOP, reference {@code sop-slot:<id>}); TASK: a
 * reminder per account manager (listed in the console, e-mailed once through reach).
 */
@Component
public class SlotFiring {
  private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm");
  private final SlotStore slots;
  private final CommunityStore communities;
  private final CommunityChat chat;
  private final ConsoleUsers users;
  private final ReminderMail mail;
  private final TenantWeeks weeks;
  private final JdbcClient jdbc;
  private final Clock clock;

  SlotFiring(SlotStore slots, CommunityStore communities, CommunityChat chat, ConsoleUsers users,
      ReminderMail mail, TenantWeeks weeks, JdbcClient jdbc, Clock clock) {
    this.weeks = weeks;
    this.slots = slots;
    this.communities = communities;
    this.chat = chat;
    this.users = users;
    this.mail = mail;
    this.jdbc = jdbc;
    this.clock = clock;
  }

  /** Fires the slot if it has not fired; true when this call fired it. */
  @Transactional
  public boolean fire(long slotId) {
    Instant now = clock.instant();
    Optional<CalendarSlot> claimed = slots.claimFiring(slotId, now);
    if (claimed.isEmpty()) {
      return false;
    }
    CalendarSlot slot = claimed.get();
    long tenantId = tenantOf(slotId);
    Optional<Community> community = communities.find(tenantId, slot.communityId());
    if (community.isEmpty()) {
      slots.skipped(slotId, now, "community-gone");
      return true;
    }
    if (community.get().archived()) {
      slots.skipped(slotId, now, "community-archived");
      return true;
    }
    if (slot.mode() == SopMode.AUTO) {
      Optional<ChatMessage> post = chat.post(tenantId, slot.communityId(),
          new Post(sender(tenantId, community.get()), slot.body(), PostKind.SOP, "sop-slot:" + slotId));
      post.ifPresentOrElse(p -> slots.posted(slotId, p.id(), now), () -> slots.skipped(slotId, now, "not-posted"));
    } else {
      remind(tenantId, community.get(), slot, now);
    }
    return true;
  }

  private void remind(long tenantId, Community community, CalendarSlot slot, Instant now) {
    ZoneId zone = weeks.zone(tenantId);
    String body = "SOP task in \"" + community.name() + "\" at " + WHEN.format(slot.dueAt().atZone(zone)) + ": "
        + slot.title() + "\n\n" + slot.body();
    List<String> added = new ArrayList<>();
    for (String manager : community.managers()) {
      Optional<ConsoleUser> user = users.list(tenantId).stream().filter(u -> u.username().equals(manager)).findFirst();
      int rows = jdbc.sql("""
          insert into community_sop_reminders (slot_id, tenant_id, username, body, created_at, email_to, email_status)
          values (:s, :t, :u, :b, :now, :to, 'PENDING') on conflict do nothing
          """).param("s", slot.id()).param("t", tenantId).param("u", manager).param("b", body)
          .param("now", Timestamp.from(now)).param("to", user.flatMap(ConsoleUser::emailAddress).orElse(null))
          .update();
      if (rows == 1) {
        added.add(manager);
      }
    }
    mail.afterCommit(tenantId, slot.id(), added);
  }

  private String sender(long tenantId, Community community) {
    String first = community.managers().isEmpty() ? community.name() : community.managers().getFirst();
    return users.list(tenantId).stream().filter(u -> u.username().equals(first)).map(ConsoleUser::displayName)
        .findFirst().orElse(first);
  }

  private long tenantOf(long slotId) {
    return jdbc.sql("select tenant_id from community_sop_slots where id = :id").param("id", slotId)
        .query(Long.class).single();
  }
}
