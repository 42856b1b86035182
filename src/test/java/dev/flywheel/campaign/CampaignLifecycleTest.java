package dev.flywheel.campaign;

import static dev.flywheel.campaign.Plans.aPlan;
import static org.assertj.core.api.Assertions.assertThat;

import dev.flywheel.platform.security.Role;
import dev.flywheel.platform.time.MovableClock;
import dev.flywheel.support.RunningFlywheel;
import dev.flywheel.support.TestTenants;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/** A campaign through its whole life with a moved clock: maker-checker, versions, audit, index. */
@RunningFlywheel
class CampaignLifecycleTest {
  @Autowired Campaigns campaigns;
  @Autowired TestTenants tenants;
  @Autowired MovableClock clock;
  @Autowired JdbcClient jdbc;
  TestTenants.TestTenant tenant;
  String operator;
  String approver;

  @BeforeEach
  void setUp() {
    tenant = tenants.create();
    operator = tenant.user(Role.OPERATOR);
    approver = tenant.user(Role.APPROVER);
  }

  Campaign done(CampaignResult result) {
    assertThat(result).isInstanceOf(CampaignResult.Done.class);
    return ((CampaignResult.Done) result).campaign();
  }

  Activation firstInvestment(String yuan) {
    return Activation.builder("investment").amount(yuan).firstToday(true).build();
  }

  @Test
  void approvedStartsAndEndsByTheClockWhileAChangeWaitsForApproval() {
    var plan = aPlan(clock.instant()).build();
    long id = done(campaigns.create(tenant.id(), plan, operator)).id();
    assertThat(done(campaigns.submit(tenant.id(), id, operator)).status()).isEqualTo(CampaignStatus.PENDING_APPROVAL);

    assertThat(campaigns.approve(tenant.id(), id, operator, "mine")).isInstanceOfSatisfying(
        CampaignResult.Refused.class, r -> assertThat(r.code()).isEqualTo("self-approval"));
    Campaign approved = done(campaigns.approve(tenant.id(), id, approver, "budget ok"));
    assertThat(approved.status()).isEqualTo(CampaignStatus.APPROVED);
    assertThat(approved.activeVersion()).isEqualTo(1);
    assertThat(jdbc.sql("select execution_time from scheduled_tasks where task_instance = :i")
        .param("i", "campaign-" + id + "-start").query(java.sql.Timestamp.class).single().toInstant())
        .isEqualTo(plan.window().startsAt());
    assertThat(jdbc.sql("select count(*) from scheduled_tasks where task_instance = :i")
        .param("i", "campaign-" + id + "-end").query(Integer.class).single()).isEqualTo(1);
    assertThat(campaigns.listeningTo(tenant.id(), "investment")).isEmpty();

    clock.set(plan.window().startsAt().minusSeconds(1));
    campaigns.advanceClock();
    assertThat(campaigns.find(tenant.id(), id).orElseThrow().status()).isEqualTo(CampaignStatus.APPROVED);
    clock.set(plan.window().startsAt());
    assertThat(campaigns.advanceClock()).isGreaterThanOrEqualTo(1);
    assertThat(campaigns.find(tenant.id(), id).orElseThrow().status()).isEqualTo(CampaignStatus.RUNNING);
    List<ActiveCampaign> listening = campaigns.listeningTo(tenant.id(), "investment");
    assertThat(listening).extracting(ActiveCampaign::campaignId, ActiveCampaign::version).containsExactly(
        org.assertj.core.groups.Tuple.tuple(id, 1));
    assertThat(campaigns.listeningTo(tenant.id(), "share")).isEmpty();
    assertThat(listening.getFirst().rulesFor("investment").getFirst().evaluate(firstInvestment("1234.56")))
        .isEqualTo(new Decision.Applies("points", List.of(new ComputedEffect.Grant(Asset.POINTS, 123, null, 0, null))));

    // a rule change of a running campaign waits for approval; version 1 keeps serving
    var doubled = aPlan(clock.instant()).window(plan.window().startsAt(), plan.window().endsAt())
        .withRule(Plans.pointsRule("event.amount_fen / 500")).build();
    Campaign changed = done(campaigns.update(tenant.id(), id, doubled, operator));
    assertThat(changed.status()).isEqualTo(CampaignStatus.RUNNING);
    assertThat(changed.activeVersion()).isEqualTo(1);
    assertThat(changed.pendingVersion()).isEqualTo(2);
    assertThat(campaigns.update(tenant.id(), id, doubled, operator)).isInstanceOfSatisfying(
        CampaignResult.Refused.class, r -> assertThat(r.code()).isEqualTo("approval-pending"));
    assertThat(campaigns.listeningTo(tenant.id(), "investment").getFirst().version()).isEqualTo(1);
    assertThat(campaigns.approve(tenant.id(), id, operator, null)).isInstanceOfSatisfying(
        CampaignResult.Refused.class, r -> assertThat(r.code()).isEqualTo("self-approval"));
    Campaign reapproved = done(campaigns.approve(tenant.id(), id, approver, "double points ok"));
    assertThat(reapproved.activeVersion()).isEqualTo(2);
    assertThat(reapproved.version(1).orElseThrow().state()).isEqualTo("SUPERSEDED");
    ActiveCampaign v2 = campaigns.listeningTo(tenant.id(), "investment").getFirst();
    assertThat(v2.version()).isEqualTo(2);
    assertThat(v2.rules().getFirst().evaluate(firstInvestment("1234.56")))
        .isEqualTo(new Decision.Applies("points", List.of(new ComputedEffect.Grant(Asset.POINTS, 246, null, 0, null))));

    assertThat(done(campaigns.pause(tenant.id(), id, approver, "complaints")).status()).isEqualTo(CampaignStatus.PAUSED);
    assertThat(campaigns.listeningTo(tenant.id(), "investment")).isEmpty();
    assertThat(done(campaigns.resume(tenant.id(), id, operator, null)).status()).isEqualTo(CampaignStatus.RUNNING);

    clock.set(plan.window().endsAt());
    campaigns.advanceClock();
    assertThat(campaigns.find(tenant.id(), id).orElseThrow().status()).isEqualTo(CampaignStatus.ENDED);
    assertThat(campaigns.listeningTo(tenant.id(), "investment")).isEmpty();
    assertThat(campaigns.update(tenant.id(), id, doubled, operator)).isInstanceOfSatisfying(
        CampaignResult.Refused.class, r -> assertThat(r.code()).isEqualTo("campaign-ended"));

    List<AuditEntry> audit = campaigns.audit(tenant.id(), id);
    assertThat(audit).extracting(AuditEntry::action).containsExactly("created", "submitted", "approved", "started",
        "updated", "approved", "paused", "resumed", "ended");
    assertThat(audit).extracting(AuditEntry::actor).containsExactly(operator, operator, approver, "clock", operator,
        approver, approver, operator, "clock");
    AuditEntry started = audit.get(3);
    assertThat(started.before()).containsEntry("status", "APPROVED");
    assertThat(started.after()).containsEntry("status", "RUNNING");
    AuditEntry updated = audit.get(4);
    assertThat(updated.after()).containsEntry("pending_version", 2).containsEntry("active_version", 1);
    assertThat(updated.before().get("plan").toString()).contains("event.amount_fen / 1000");
    assertThat(updated.after().get("plan").toString()).contains("event.amount_fen / 500");
    assertThat(audit.get(5).comment()).isEqualTo("double points ok");
    assertThat(audit.get(0).before()).isNull();
  }

  @Test
  void aRejectedDraftIsEditedAndSubmittedAgain() {
    long id = done(campaigns.create(tenant.id(), aPlan(clock.instant()).build(), operator)).id();
    done(campaigns.submit(tenant.id(), id, operator));
    Campaign rejected = done(campaigns.reject(tenant.id(), id, approver, "budget too high"));
    assertThat(rejected.status()).isEqualTo(CampaignStatus.REJECTED);
    assertThat(rejected.version(1).orElseThrow().decisionComment()).isEqualTo("budget too high");

    var smaller = aPlan(clock.instant()).withBudget(Asset.POINTS, 10_000).build();
    Campaign edited = done(campaigns.update(tenant.id(), id, smaller, operator));
    assertThat(edited.status()).isEqualTo(CampaignStatus.DRAFT);
    assertThat(edited.latestVersion()).isEqualTo(2);
    done(campaigns.submit(tenant.id(), id, operator));
    Campaign approved = done(campaigns.approve(tenant.id(), id, approver, null));
    assertThat(approved.activeVersion()).isEqualTo(2);
    assertThat(approved.plan().budget()).containsEntry(Asset.POINTS, 10_000L);
  }

  @Test
  void approvingAfterTheStartRunsAtOnceAndTextEditsNeedNoApproval() {
    var plan = aPlan(clock.instant()).window(clock.instant().minus(Duration.ofHours(1)),
        clock.instant().plus(Duration.ofDays(3))).build();
    long id = done(campaigns.create(tenant.id(), plan, operator)).id();
    done(campaigns.submit(tenant.id(), id, operator));
    assertThat(done(campaigns.approve(tenant.id(), id, approver, null)).status()).isEqualTo(CampaignStatus.RUNNING);

    var renamed = new CampaignPlan("Renamed", plan.purpose(), "new theme", plan.window(), "new content", plan.process(),
        plan.rules(), plan.budget(), "new owner", plan.assignees(), plan.segmentId(), List.of("sms"), plan.priority(),
        plan.exclusive(), plan.caps());
    Campaign edited = done(campaigns.update(tenant.id(), id, renamed, operator));
    assertThat(edited.pendingVersion()).isNull();
    assertThat(edited.activeVersion()).isEqualTo(2);
    assertThat(edited.name()).isEqualTo("Renamed");
  }
}
