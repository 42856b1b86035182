package dev.flywheel.community;

import dev.flywheel.community.store.CommunityStore;
import dev.flywheel.platform.security.ConsoleUsers;
import dev.flywheel.platform.security.Role;
import dev.flywheel.platform.web.FieldIssue;
import java.net.URI;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Communities: create, archive, managers, members. A refusal is a value and writes nothing. */
@Service
public class Communities {
  private static final SecureRandom RANDOM = new SecureRandom();
  private final CommunityStore store;
  private final ConsoleUsers users;
  private final Clock clock;

  Communities(CommunityStore store, ConsoleUsers users, Clock clock) {
    this.store = store;
    this.users = users;
    this.clock = clock;
  }

  @Transactional
  public CommunityResult create(long tenantId, CommunityDraft draft, String actor) {
    List<FieldIssue> issues = check(tenantId, draft);
    if (!issues.isEmpty()) {
      return new CommunityResult.Refused("invalid-community", "The community has invalid fields", issues);
    }
    if (store.nameTaken(tenantId, draft.name().strip())) {
      return new CommunityResult.Refused("community-name-taken", "Another community has this name",
          List.of(new FieldIssue("name", "taken", "choose another name")));
    }
    CommunityDraft clean = new CommunityDraft(draft.name().strip(), draft.description(), draft.chatKind(),
        draft.chatUrl(), draft.managers().stream().map(String::strip).distinct().toList());
    long id = store.create(tenantId, clean, token(32), token(18), actor, clock.instant());
    return new CommunityResult.Done(store.find(tenantId, id).orElseThrow());
  }

  public Optional<Community> find(long tenantId, long id) {
    return store.find(tenantId, id);
  }

  public List<Community> list(long tenantId) {
    return store.list(tenantId);
  }

  /** The community a web-room join link names, whatever the tenant. */
  public Optional<Community> byJoinCode(String joinCode) {
    return joinCode == null ? Optional.empty() : store.byJoinCode(joinCode);
  }

  /** The HMAC secret for the community's chat (webhooks in, posts out); for its managers and admins. */
  public Optional<String> chatSecret(long tenantId, long id) {
    return store.find(tenantId, id).flatMap(c -> store.secret(id));
  }

  @Transactional
  public CommunityResult archive(long tenantId, long id) {
    if (store.find(tenantId, id).isEmpty()) {
      return notFound(id);
    }
    if (!store.archive(tenantId, id)) {
      return new CommunityResult.Refused("community-archived", "The community is already archived", List.of());
    }
    return new CommunityResult.Done(store.find(tenantId, id).orElseThrow());
  }

  /** Adds a customer to the community (again, if they had left); refused for unknown customers. */
  @Transactional
  public CommunityResult join(long tenantId, long id, String customerId, String displayName) {
    Optional<Community> community = store.find(tenantId, id);
    if (community.isEmpty()) {
      return notFound(id);
    }
    if (community.get().archived()) {
      return new CommunityResult.Refused("community-archived", "The community is archived", List.of());
    }
    String name = displayName == null || displayName.isBlank() ? customerId : displayName.strip();
    if (!store.join(tenantId, id, customerId, name.length() > 60 ? name.substring(0, 60) : name, clock.instant())) {
      return new CommunityResult.Refused("unknown-customer", "No such customer",
          List.of(new FieldIssue("customer_id", "unknown", "a customer of this tenant")));
    }
    return new CommunityResult.Done(community.get());
  }

  @Transactional
  public boolean leave(long tenantId, long id, String customerId) {
    return store.find(tenantId, id).isPresent() && store.leave(id, customerId, clock.instant());
  }

  public boolean isMember(long tenantId, long id, String customerId) {
    return store.find(tenantId, id).isPresent() && store.isMember(id, customerId);
  }

  public List<Member> members(long tenantId, long id) {
    return store.find(tenantId, id).map(c -> store.members(id)).orElse(List.of());
  }

  private List<FieldIssue> check(long tenantId, CommunityDraft draft) {
    List<FieldIssue> issues = new ArrayList<>();
    if (draft.name() == null || draft.name().isBlank() || draft.name().strip().length() > 120) {
      issues.add(new FieldIssue("name", "required", "1 to 120 characters"));
    }
    if (draft.chatKind() == null) {
      issues.add(new FieldIssue("chat_kind", "required", "WEB_ROOM or HTTP"));
    } else if (draft.chatKind() == ChatKind.HTTP && !httpUrl(draft.chatUrl())) {
      issues.add(new FieldIssue("chat_url", "invalid", "an http(s) URL the chat adapter listens on"));
    }
    if (draft.managers() == null || draft.managers().isEmpty()) {
      issues.add(new FieldIssue("managers", "required", "at least one account manager"));
    } else {
      java.util.Set<String> employees = users.list(tenantId).stream().filter(u -> u.roles().contains(Role.EMPLOYEE))
          .map(u -> u.username()).collect(java.util.stream.Collectors.toSet());
      for (int i = 0; i < draft.managers().size(); i++) {
        String username = draft.managers().get(i);
        boolean employee = username != null && employees.contains(username.strip());
        if (!employee) {
          issues.add(new FieldIssue("managers[" + i + "]", "not-employee", "an EMPLOYEE user of this tenant"));
        }
      }
    }
    return issues;
  }

  private static boolean httpUrl(String url) {
    try {
      URI uri = url == null ? null : URI.create(url);
      return uri != null && uri.getHost() != null
          && ("http".equals(uri.getScheme()) || "https".equals(uri.getScheme()));
    } catch (IllegalArgumentException e) {
      return false;
    }
  }

  private static String token(int bytes) {
    byte[] raw = new byte[bytes];
    RANDOM.nextBytes(raw);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(raw);
  }

  private static CommunityResult notFound(long id) {
    return new CommunityResult.Refused("community-not-found", "No community " + id, List.of());
  }
}
