package dev.flywheel.community.chat;

import dev.flywheel.community.ChatMessage;
import dev.flywheel.community.Community;
import dev.flywheel.community.chat.ChatAdapter.Handover;
import dev.flywheel.community.store.CommunityStore;
import dev.flywheel.community.store.MessageStore;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.stereotype.Component;

/**
 * One hand-over attempt of one outbound post: claim it (a lease, so the task and the sweep never
 * hand it over twice at once), call the community's adapter outside any transaction, then record
 * SENT, a later attempt with exponential backoff (10 s doubling, at most 30 min), or FAILED once
 * {@value #MAX_ATTEMPTS} attempts are used or the chat refuses for good.
 */
@Component
public class PostDelivery {
  static final int MAX_ATTEMPTS = 8;
  private static final Duration LEASE = Duration.ofMinutes(2);
  private final MessageStore messages;
  private final CommunityStore communities;
  private final Clock clock;
  private final Map<dev.flywheel.community.ChatKind, ChatAdapter> adapters =
      new EnumMap<>(dev.flywheel.community.ChatKind.class);

  PostDelivery(MessageStore messages, CommunityStore communities, Clock clock, List<ChatAdapter> adapters) {
    this.messages = messages;
    this.communities = communities;
    this.clock = clock;
    adapters.forEach(a -> this.adapters.put(a.kind(), a));
  }

  /** @return when to try again, or empty when the post is settled (sent, failed, or unknown) */
  public Optional<Instant> attempt(long postId) {
    Optional<ChatMessage> found = messages.find(postId).filter(m -> "PENDING".equals(m.delivery()));
    if (found.isEmpty()) {
      return Optional.empty();
    }
    Instant now = clock.instant();
    if (!messages.claim(postId, now, now.plus(LEASE))) {
      return messages.find(postId).filter(m -> "PENDING".equals(m.delivery())).map(m -> now.plus(LEASE));
    }
    ChatMessage post = found.get();
    Optional<Community> community = communities.anyTenant(post.communityId());
    if (community.isEmpty()) {
      messages.failed(postId, "community-gone");
      return Optional.empty();
    }
    Handover answer = adapters.get(community.get().chatKind()).deliver(community.get(),
        communities.secret(post.communityId()).orElseThrow(), post);
    return record(post, answer);
  }

  /** Attempts every due post, oldest first (the sweep; tests call it after moving the clock). */
  public int runDue(int limit) {
    List<Long> due = messages.due(clock.instant(), limit);
    due.forEach(this::attempt);
    return due.size();
  }

  private Optional<Instant> record(ChatMessage post, Handover answer) {
    int attempts = messages.attempts(post.id());
    return switch (answer) {
      case Handover.Sent s -> {
        messages.sent(post.id());
        yield Optional.empty();
      }
      case Handover.Refused r -> {
        messages.failed(post.id(), r.reason());
        yield Optional.empty();
      }
      case Handover.Unavailable u when attempts >= MAX_ATTEMPTS -> {
        messages.failed(post.id(), "chat-unavailable: " + u.error());
        yield Optional.empty();
      }
      case Handover.Unavailable u -> {
        Instant next = clock.instant().plus(backoffAfter(attempts));
        messages.later(post.id(), next, u.error());
        yield Optional.of(next);
      }
    };
  }

  /** How long the delivery waits after {@code attempts} failed hand-overs. */
  public static Duration backoffAfter(int attempts) {
    long seconds = 10L << Math.min(attempts - 1, 20);
    return Duration.ofSeconds(Math.min(seconds, Duration.ofMinutes(30).toSeconds()));
  }
}
