package dev.flywheel.campaign.web;

import dev.flywheel.campaign.AuditEntry;
import dev.flywheel.campaign.Campaign;
import dev.flywheel.campaign.CampaignPlan;
import dev.flywheel.campaign.CampaignStatus;
import dev.flywheel.campaign.Campaigns;
import dev.flywheel.campaign.DryRunReport;
import dev.flywheel.campaign.TemplateDescription;
import dev.flywheel.platform.tenancy.CurrentTenant;
import dev.flywheel.platform.web.FieldIssue;
import dev.flywheel.platform.web.Problem;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/**
 * Campaigns for app backends and tools (API key): create, edit, submit, read, audit. Approving,
 * rejecting, pausing and resuming are people's decisions and live in the console
 * ({@link ConsoleCampaignController}). See {@code docs/api/campaigns.md}.
 */
@RestController
class CampaignController {
  private final CurrentTenant tenant;
  private final Campaigns campaigns;

  CampaignController(CurrentTenant tenant, Campaigns campaigns) {
    this.tenant = tenant;
    this.campaigns = campaigns;
  }

  record FromTemplate(String template, Map<String, Object> parameters, CampaignPlan plan) {}

  @PostMapping("/api/v1/campaigns")
  @ResponseStatus(HttpStatus.CREATED)
  Campaign create(@RequestBody CampaignPlan plan) {
    return Results.campaign(campaigns.create(tenant.id(), plan, tenant.actor()));
  }

  @PostMapping("/api/v1/campaigns/from-template")
  @ResponseStatus(HttpStatus.CREATED)
  Campaign fromTemplate(@RequestBody FromTemplate request) {
    if (request.plan() == null) {
      throw Problem.invalid("missing-field", "plan is required", List.of(new FieldIssue("plan", "missing-field",
          "the plan fields (name, window, budget, …) are required")));
    }
    return Results.campaign(campaigns.createFromTemplate(tenant.id(), request.template(), request.parameters(),
        request.plan(), tenant.actor()));
  }

  @PutMapping("/api/v1/campaigns/{id}")
  Campaign update(@PathVariable long id, @RequestBody CampaignPlan plan) {
    return Results.campaign(campaigns.update(tenant.id(), id, plan, tenant.actor()));
  }

  @PostMapping("/api/v1/campaigns/{id}/submit")
  Campaign submit(@PathVariable long id) {
    return Results.campaign(campaigns.submit(tenant.id(), id, tenant.actor()));
  }

  @GetMapping("/api/v1/campaigns/{id}")
  Campaign get(@PathVariable long id) {
    return campaigns.find(tenant.id(), id).orElseThrow(() -> Problem.notFound("campaign", String.valueOf(id)));
  }

  /** {@code {"from": "...", "to": "..."}}: the past window to replay. */
  record DryRunWindow(java.time.Instant from, java.time.Instant to) {}

  /** Runs the newest plan over the stored events of a past window; writes nothing. */
  @PostMapping("/api/v1/campaigns/{id}/dry-run")
  DryRunReport dryRun(@PathVariable long id, @RequestBody DryRunWindow window) {
    return campaigns.dryRun(tenant.id(), id, window.from(), window.to());
  }

  @GetMapping("/api/v1/campaigns")
  List<Campaign> list(@RequestParam(required = false) CampaignStatus status,
      @RequestParam(defaultValue = "100") int limit) {
    return campaigns.list(tenant.id(), status, limit);
  }

  @GetMapping("/api/v1/campaigns/{id}/audit")
  List<AuditEntry> audit(@PathVariable long id) {
    return campaigns.audit(tenant.id(), id);
  }

  @GetMapping("/api/v1/campaign-templates")
  List<TemplateDescription> templates() {
    return campaigns.templates();
  }
}
