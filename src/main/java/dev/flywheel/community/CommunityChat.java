package dev.flywheel.community;

import dev.flywheel.community.chat.PostSchedule;
import dev.flywheel.community.store.CommunityStore;
import dev.flywheel.community.store.MessageStore;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The chat of a community: members' messages in, posts out. Both join the caller's transaction,
 * so a feature that posts as part of a change (a game announcing its winner) posts exactly when
 * the change commits.
 */
@Service
public class CommunityChat {
  static final int MAX_BODY = 4000;
  private final CommunityStore communities;
  private final MessageStore messages;
  private final PostSchedule schedule;
  private final ApplicationEventPublisher events;
  private final Clock clock;

  CommunityChat(CommunityStore communities, MessageStore messages, PostSchedule schedule,
      ApplicationEventPublisher events, Clock clock) {
    this.communities = communities;
    this.messages = messages;
    this.schedule = schedule;
    this.events = events;
    this.clock = clock;
  }

  /** What became of an inbound message. */
  public sealed interface Receipt {
    /** Stored for the first time and published as {@link CommunityMessageReceived}. */
    record Accepted(ChatMessage message) implements Receipt {}

    /** The chat sent this message id before: the stored one, nothing published again. */
    record Replayed(ChatMessage message) implements Receipt {}

    record Refused(String code, String message) implements Receipt {}
  }

  /**
   * Stores a member's message once per external id, stamped with the server's receive time. A
   * customer id the tenant knows joins the community (the chat is where people join); an unknown
   * one is kept only as the sender's name.
   */
  @Transactional
  public Receipt receive(long tenantId, long communityId, Inbound in) {
    Optional<Community> community = communities.find(tenantId, communityId);
    if (community.isEmpty()) {
      return new Receipt.Refused("community-not-found", "No community " + communityId);
    }
    if (community.get().archived()) {
      return new Receipt.Refused("community-archived", "The community is archived");
    }
    if (in.body() == null || in.body().isBlank() || in.body().length() > MAX_BODY
        || in.externalId() == null || in.externalId().isBlank() || in.externalId().length() > 200) {
      return new Receipt.Refused("invalid-message", "A message needs an id (≤ 200) and a body (1–4000 characters)");
    }
    Instant now = clock.instant();
    String sender = in.senderName() == null || in.senderName().isBlank() ? "?" : in.senderName().strip();
    String customer = in.customerId() != null
        && communities.join(tenantId, communityId, in.customerId(), sender, now) ? in.customerId() : null;
    Optional<Long> id = messages.storeInbound(tenantId, communityId,
        new Inbound(in.externalId(), in.customerId(), sender, in.body()), customer, now);
    if (id.isEmpty()) {
      return new Receipt.Replayed(messages.inbound(communityId, in.externalId()).orElseThrow());
    }
    events.publishEvent(new CommunityMessageReceived(tenantId, communityId, id.get(), customer, sender, in.body(),
        now));
    events.publishEvent(new CommunityMessagePosted(tenantId, communityId, id.get()));
    return new Receipt.Accepted(messages.find(id.get()).orElseThrow());
  }

  /** Stores a post and schedules its hand-over to the chat; empty when the community is unknown or archived. */
  @Transactional
  public Optional<ChatMessage> post(long tenantId, long communityId, Post post) {
    Optional<Community> community = communities.find(tenantId, communityId).filter(c -> !c.archived());
    if (community.isEmpty()) {
      return Optional.empty();
    }
    if (post.body() == null || post.body().isBlank() || post.body().length() > MAX_BODY) {
      throw new IllegalArgumentException("a post's body has 1–4000 characters");
    }
    Instant now = clock.instant();
    long id = messages.storePost(tenantId, communityId, post, now);
    schedule.deliverAt(id, now);
    events.publishEvent(new CommunityMessagePosted(tenantId, communityId, id));
    return messages.find(id);
  }

  /** Messages after {@code afterId} (0 for the start), oldest first, at most {@code limit}. */
  public List<ChatMessage> after(long tenantId, long communityId, long afterId, int limit) {
    return messages.after(tenantId, communityId, afterId, Math.max(1, Math.min(limit, 500)));
  }

  /** The latest messages, oldest first. */
  public List<ChatMessage> latest(long tenantId, long communityId, int limit) {
    return messages.latest(tenantId, communityId, Math.max(1, Math.min(limit, 500)));
  }
}
