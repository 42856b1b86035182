package dev.flywheel.community.web;

import dev.flywheel.community.Communities;
import dev.flywheel.community.CommunityInsights;
import dev.flywheel.community.Health;
import dev.flywheel.community.Suggestion;
import dev.flywheel.community.TagMix;
import dev.flywheel.platform.tenancy.CurrentTenant;
import dev.flywheel.platform.web.FieldIssue;
import dev.flywheel.platform.web.Problem;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Tag mix, membership suggestions and health of a community (API key): {@code docs/api/community.md}. */
@RestController
class InsightsController {
  private final CurrentTenant tenant;
  private final Communities communities;
  private final CommunityInsights insights;

  InsightsController(CurrentTenant tenant, Communities communities, CommunityInsights insights) {
    this.tenant = tenant;
    this.communities = communities;
    this.insights = insights;
  }

  @GetMapping("/api/v1/communities/{id}/tag-mix")
  Map<String, Object> tagMix(@PathVariable long id, @RequestParam(required = false) String tags) {
    found(id);
    TagMix mix = tags == null || tags.isBlank() ? insights.tagMix(tenant.id(), id)
        : insights.tagMix(tenant.id(), id, Arrays.stream(tags.split(",")).map(String::strip)
            .filter(t -> !t.isEmpty()).toList());
    return mix(mix);
  }

  @GetMapping("/api/v1/communities/{id}/suggestions")
  Map<String, Object> suggestions(@PathVariable long id, @RequestParam(required = false) String target,
      @RequestParam(defaultValue = "20") int limit) {
    found(id);
    Map<String, Double> wanted;
    try {
      wanted = CommunityInsights.target(target);
    } catch (IllegalArgumentException e) {
      throw Problem.badRequest("validation-failed", "Give the target mix as tag:weight,…",
          new FieldIssue("target", "invalid", e.getMessage()));
    }
    Suggestion s = insights.suggest(tenant.id(), id, wanted, Math.clamp(limit, 1, 500));
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("target", s.target());
    json.put("invitees", s.invitees().stream().map(i -> Map.of("customer_id", i.customerId(), "tags", i.tags()))
        .toList());
    json.put("before", mix(s.before()));
    json.put("after", mix(s.after()));
    return json;
  }

  @GetMapping("/api/v1/communities/{id}/health")
  Map<String, Object> health(@PathVariable long id) {
    found(id);
    Health h = insights.health(tenant.id(), id);
    return Map.of("members", h.members(), "active_members_7d", h.activeMembers(), "days", h.days().stream()
        .map(d -> Map.of("day", d.day().toString(), "writers", d.writers(), "messages", d.messages())).toList());
  }

  static Map<String, Object> mix(TagMix mix) {
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("members", mix.members());
    json.put("tags", mix.tags().stream().map(t -> Map.of("tag", t.tag(), "members", t.members(), "share",
        t.share())).toList());
    json.put("multi_need", mix.multiNeed());
    json.put("multi_need_share", mix.multiNeedShare());
    json.put("single_need", mix.singleNeed());
    return json;
  }

  private void found(long id) {
    communities.find(tenant.id(), id).orElseThrow(() -> Problem.notFound("Community", Long.toString(id)));
  }
}
