package dev.flywheel.community.web;

import dev.flywheel.community.ChatMessage;
import dev.flywheel.community.Communities;
import dev.flywheel.community.Community;
import dev.flywheel.community.CommunityChat;
import dev.flywheel.community.Post;
import dev.flywheel.community.PostKind;
import dev.flywheel.platform.tenancy.CurrentTenant;
import dev.flywheel.platform.web.FieldIssue;
import dev.flywheel.platform.web.Problem;
import java.util.Locale;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Communities for the app backend and integrations (API key): {@code docs/api/community.md}. */
@RestController
class CommunityController {
  private final CurrentTenant tenant;
  private final Communities communities;
  private final CommunityChat chat;

  CommunityController(CurrentTenant tenant, Communities communities, CommunityChat chat) {
    this.tenant = tenant;
    this.communities = communities;
    this.chat = chat;
  }

  @PostMapping("/api/v1/communities")
  ResponseEntity<Map<String, Object>> create(@RequestBody(required = false) Map<String, Object> body) {
    Community created = CommunityJson.done(communities.create(tenant.id(), CommunityJson.draft(body),
        tenant.actor()));
    Map<String, Object> json = CommunityJson.community(created);
    json.put("chat_secret", communities.chatSecret(tenant.id(), created.id()).orElseThrow());
    return ResponseEntity.status(HttpStatus.CREATED).body(json);
  }

  @GetMapping("/api/v1/communities")
  Map<String, Object> list() {
    return Map.of("communities", communities.list(tenant.id()).stream().map(CommunityJson::community).toList());
  }

  @GetMapping("/api/v1/communities/{id}")
  Map<String, Object> get(@PathVariable long id) {
    return CommunityJson.community(found(id));
  }

  @PostMapping("/api/v1/communities/{id}/members")
  Map<String, Object> join(@PathVariable long id, @RequestBody(required = false) Map<String, Object> body) {
    String customer = body == null ? null : CommunityJson.text(body.get("customer_id"));
    if (customer == null || customer.isBlank()) {
      throw Problem.badRequest("validation-failed", "Name the customer",
          new FieldIssue("customer_id", "required", "the customer's id"));
    }
    CommunityJson.done(communities.join(tenant.id(), id, customer, CommunityJson.text(body.get("display_name"))));
    return members(id);
  }

  @GetMapping("/api/v1/communities/{id}/members")
  Map<String, Object> members(@PathVariable long id) {
    found(id);
    return Map.of("members", communities.members(tenant.id(), id).stream().map(CommunityJson::member).toList());
  }

  @PostMapping("/api/v1/communities/{id}/posts")
  ResponseEntity<Map<String, Object>> post(@PathVariable long id,
      @RequestBody(required = false) Map<String, Object> body) {
    found(id);
    String text = body == null ? null : CommunityJson.text(body.get("body"));
    if (text == null || text.isBlank() || text.length() > 4000) {
      throw Problem.badRequest("validation-failed", "A post needs a body",
          new FieldIssue("body", "required", "1 to 4000 characters"));
    }
    String sender = CommunityJson.text(body.get("sender_name"));
    ChatMessage posted = chat.post(tenant.id(), id, new Post(sender == null || sender.isBlank() ? tenant.actor()
            : sender, text, kind(CommunityJson.text(body.get("kind"))), null))
        .orElseThrow(() -> Problem.conflict("community-archived", "The community is archived"));
    return ResponseEntity.status(HttpStatus.CREATED).body(CommunityJson.message(posted));
  }

  @GetMapping("/api/v1/communities/{id}/chat")
  Map<String, Object> messages(@PathVariable long id, @RequestParam(defaultValue = "0") long after,
      @RequestParam(defaultValue = "100") int limit) {
    found(id);
    return Map.of("messages", chat.after(tenant.id(), id, after, limit).stream().map(CommunityJson::message)
        .toList());
  }

  private Community found(long id) {
    return communities.find(tenant.id(), id).orElseThrow(() -> Problem.notFound("Community", Long.toString(id)));
  }

  private static PostKind kind(String value) {
    try {
      return value == null ? PostKind.CHAT : PostKind.valueOf(value.toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw Problem.badRequest("validation-failed", "Unknown post kind",
          new FieldIssue("kind", "invalid", "chat, game, product or sop"));
    }
  }
}
