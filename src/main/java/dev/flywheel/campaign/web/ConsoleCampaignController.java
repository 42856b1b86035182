package dev.flywheel.campaign.web;

import dev.flywheel.campaign.Campaign;
import dev.flywheel.campaign.CampaignResult;
import dev.flywheel.campaign.Campaigns;
import dev.flywheel.platform.security.ConsoleUser;
import dev.flywheel.platform.security.Role;
import dev.flywheel.platform.tenancy.CurrentTenant;
import dev.flywheel.platform.web.Problem;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * People's decisions on campaigns, for the signed-in console user (session cookie + CSRF token,
 * form-encoded {@code comment}), answering JSON: submit (OPERATOR), approve and reject (APPROVER,
 * never on a version they wrote or submitted), pause and resume (OPERATOR or APPROVER). A missing
 * role is problem {@code forbidden} (403).
 */
@RestController
class ConsoleCampaignController {
  private final CurrentTenant tenant;
  private final Campaigns campaigns;

  ConsoleCampaignController(CurrentTenant tenant, Campaigns campaigns) {
    this.tenant = tenant;
    this.campaigns = campaigns;
  }

  @PostMapping("/console/api/campaigns/{id}/submit")
  Campaign submit(@PathVariable long id) {
    return act(Set.of(Role.OPERATOR), user -> campaigns.submit(user.tenantId(), id, user.username()));
  }

  @PostMapping("/console/api/campaigns/{id}/approve")
  Campaign approve(@PathVariable long id, @RequestParam(required = false) String comment) {
    return act(Set.of(Role.APPROVER), user -> campaigns.approve(user.tenantId(), id, user.username(), comment));
  }

  @PostMapping("/console/api/campaigns/{id}/reject")
  Campaign reject(@PathVariable long id, @RequestParam String comment) {
    return act(Set.of(Role.APPROVER), user -> campaigns.reject(user.tenantId(), id, user.username(), comment));
  }

  @PostMapping("/console/api/campaigns/{id}/pause")
  Campaign pause(@PathVariable long id, @RequestParam(required = false) String comment) {
    return act(Set.of(Role.OPERATOR, Role.APPROVER), user -> campaigns.pause(user.tenantId(), id, user.username(), comment));
  }

  @PostMapping("/console/api/campaigns/{id}/resume")
  Campaign resume(@PathVariable long id, @RequestParam(required = false) String comment) {
    return act(Set.of(Role.OPERATOR, Role.APPROVER), user -> campaigns.resume(user.tenantId(), id, user.username(), comment));
  }

  private Campaign act(Set<Role> allowed, java.util.function.Function<ConsoleUser, CampaignResult> action) {
    if (!(tenant.principal() instanceof ConsoleUser user) || Collections.disjoint(user.roles(), allowed)) {
      throw new Problem(HttpStatus.FORBIDDEN, "forbidden", "this needs the role " + allowed, List.of());
    }
    return Results.campaign(action.apply(user));
  }
}
