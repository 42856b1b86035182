package dev.flywheel.console;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flywheel.campaign.Campaign;
import dev.flywheel.campaign.CampaignStatus;
import dev.flywheel.campaign.Campaigns;
import dev.flywheel.customer.Customers;
import dev.flywheel.event.EventIngestion;
import dev.flywheel.ledger.Asset;
import dev.flywheel.ledger.GrantRequest;
import dev.flywheel.ledger.Ledger;
import dev.flywheel.platform.security.ConsoleUsers;
import dev.flywheel.platform.security.Role;
import dev.flywheel.support.ConsoleSession;
import dev.flywheel.support.RunningFlywheel;
import dev.flywheel.support.TestTenants;
import dev.flywheel.support.TestTenants.TestTenant;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * The campaign pages over real HTTP (session cookie, CSRF tokens from the pages): create from a
 * template with errors then success, submit, maker-checker in the console, funding, the rule
 * editor's live check, the approval inbox, the wallet, and Chinese.
 */
@RunningFlywheel
class CampaignPagesTest {
  static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");
  @Autowired TestTenants tenants;
  @Autowired Campaigns campaigns;
  @Autowired Ledger ledger;
  @Autowired ConsoleUsers users;
  @Autowired Customers customers;
  @Autowired EventIngestion ingestion;
  @Autowired Clock clock;
  @LocalServerPort int port;

  TestTenant tenant;

  @BeforeEach
  void seed() {
    tenant = tenants.create();
  }

  ConsoleSession as(Role role) {
    return new ConsoleSession(port).login(tenant.user(role), TestTenants.PASSWORD);
  }

  /** The investment-lottery form as an operator fills it in. */
  Map<String, String> lottery(String name, String chances, String minAmount) {
    LocalDateTime start = LocalDateTime.ofInstant(clock.instant(), SHANGHAI).truncatedTo(ChronoUnit.DAYS).plusDays(1);
    Map<String, String> form = new LinkedHashMap<>();
    form.put("parameters.min_amount", minAmount);
    form.put("parameters.chances_per_investment", "1");
    form.put("parameters.max_chances_per_day", "5");
    form.put("name", name);
    form.put("theme", "June giveback");
    form.put("purpose", "lift investment volume");
    form.put("window.starts_at", start.toString());
    form.put("window.ends_at", start.plusDays(30).toString());
    form.put("budget.LOTTERY_CHANCE", chances);
    form.put("priority", "0");
    form.put("channels", "banner");
    return form;
  }

  long createLottery(ConsoleSession session, String name) {
    var created = session.post("/console/campaigns/new/investment_lottery", "/console/campaigns/new/investment_lottery",
        lottery(name, "1000", "1000"));
    assertThat(created.statusCode()).as(created.body()).isEqualTo(302);
    String location = created.headers().firstValue("Location").orElseThrow();
    return Long.parseLong(location.substring(location.lastIndexOf('/') + 1));
  }

  Campaign campaign(long id) {
    return campaigns.find(tenant.id(), id).orElseThrow();
  }

  @Test
  void aTemplateFormShowsEveryErrorInlineAndSavesNothingThenCreatesADraft() {
    var operator = as(Role.OPERATOR);
    String templates = operator.get("/console/campaigns/new").body();
    assertThat(templates).contains("Investment lottery").contains("Newbie benefits")
        .contains("/console/campaigns/new/investment_lottery");
    String form = operator.get("/console/campaigns/new/investment_lottery").body();
    assertThat(form).contains("name=\"parameters.min_amount\"").contains("value=\"1000\"")
        .contains("name=\"budget.LOTTERY_CHANCE\"").contains("name=\"segment_id\"").contains("name=\"channels\"");

    var refused = operator.post("/console/campaigns/new/investment_lottery", "/console/campaigns/new/investment_lottery",
        lottery("", "", "12.345"));
    assertThat(refused.statusCode()).isEqualTo(422);
    assertThat(refused.body()).contains("id=\"form-error\"")
        .contains("data-field=\"parameters.min_amount\" data-code=\"invalid-parameter\"");
    assertThat(campaigns.list(tenant.id(), null, 10)).isEmpty();

    var refusedPlan = operator.post("/console/campaigns/new/investment_lottery",
        "/console/campaigns/new/investment_lottery", lottery("", "", "1000"));
    assertThat(refusedPlan.statusCode()).isEqualTo(422);
    assertThat(refusedPlan.body())
        .contains("data-field=\"name\" data-code=\"invalid-field\"")
        .contains("data-field=\"budget.LOTTERY_CHANCE\" data-code=\"missing-budget\"")
        .contains("A rule grants this asset, so it needs a positive budget.")
        .contains("value=\"June giveback\""); // what was typed comes back
    assertThat(campaigns.list(tenant.id(), null, 10)).isEmpty();

    long id = createLottery(operator, "Lottery June");
    Campaign draft = campaign(id);
    assertThat(draft.status()).isEqualTo(CampaignStatus.DRAFT);
    assertThat(draft.plan().rules().getFirst().condition()).isEqualTo("event.amount_fen > 100000");
    assertThat(draft.plan().channels()).containsExactly("banner");
    String page = operator.get("/console/campaigns/" + id).body();
    assertThat(page).contains("Lottery June").contains("data-status=\"DRAFT\"").contains("event.amount_fen &gt; 100000")
        .contains("id=\"submit-campaign\"").contains("data-action=\"created\"");
    assertThat(operator.get("/console/campaigns").body()).contains("Lottery June").contains("not funded");
  }

  @Test
  void theOperatorSubmitsAndAnotherPersonApprovesWhileSelfApprovalIsRefused() {
    String maker = "maker@" + tenant.tenant().slug();
    users.create(tenant.id(), maker, "Maker", TestTenants.PASSWORD, EnumSet.of(Role.OPERATOR, Role.APPROVER));
    var makerSession = new ConsoleSession(port).login(maker, TestTenants.PASSWORD);
    long id = createLottery(makerSession, "Made and checked");
    var submitted = makerSession.post("/console/campaigns/" + id + "/submit", "/console/campaigns/" + id, Map.of());
    assertThat(submitted.statusCode()).isEqualTo(302);
    assertThat(campaign(id).status()).isEqualTo(CampaignStatus.PENDING_APPROVAL);
    assertThat(makerSession.get("/console/campaigns/" + id).body()).contains("Submitted. An approver decides next.");

    // the maker holds the approver role too, and is still refused
    var self = makerSession.post("/console/campaigns/" + id + "/approve", "/console/campaigns/" + id,
        Map.of("comment", "looks fine to me"));
    assertThat(self.statusCode()).isEqualTo(403);
    assertThat(self.body()).contains("id=\"problem\"")
        .contains("You wrote or submitted this version, so another approver must decide on it.");
    assertThat(campaign(id).status()).isEqualTo(CampaignStatus.PENDING_APPROVAL);

    // people without the role are refused by the server, not only by hidden buttons
    assertThat(as(Role.OPERATOR).post("/console/campaigns/" + id + "/approve", "/console/campaigns/" + id, Map.of())
        .statusCode()).isEqualTo(403);
    assertThat(as(Role.EMPLOYEE).post("/console/campaigns/" + id + "/fund", "/console/campaigns/" + id, Map.of())
        .statusCode()).isEqualTo(403);
    assertThat(as(Role.OPERATOR).get("/console/approvals").statusCode()).isEqualTo(403);

    var approver = as(Role.APPROVER);
    String inbox = approver.get("/console/approvals").body();
    assertThat(inbox).contains("id=\"pending-" + id + "\"").contains("Made and checked");
    var rejectWithoutComment = approver.post("/console/campaigns/" + id + "/reject", "/console/approvals",
        Map.of("comment", " "));
    assertThat(rejectWithoutComment.statusCode()).isEqualTo(422);
    assertThat(rejectWithoutComment.body()).contains("A rejection needs a comment.");

    var approved = approver.post("/console/campaigns/" + id + "/approve", "/console/approvals",
        Map.of("comment", "budget ok", "back", "approvals"));
    assertThat(approved.statusCode()).isEqualTo(302);
    assertThat(approved.headers().firstValue("Location").orElseThrow()).endsWith("/console/approvals");
    assertThat(approver.get("/console/approvals").body()).contains("Approved.").doesNotContain("id=\"pending-" + id + "\"");
    assertThat(campaign(id).status()).isEqualTo(CampaignStatus.APPROVED);

    String page = approver.get("/console/campaigns/" + id).body();
    assertThat(page).contains("data-status=\"APPROVED\"").contains("Approved, scheduled")
        .contains("data-action=\"approved\"").contains("budget ok")
        .contains("version 1 is approved and serves");

    // approval funds the budget up to the plan; funding again from the page tops up nothing
    assertThat(ledger.budget(tenant.id(), id).lines().get(Asset.LOTTERY_CHANCE).funded()).isEqualTo(1000);
    assertThat(approver.post("/console/campaigns/" + id + "/fund", "/console/campaigns/" + id, Map.of()).statusCode())
        .isEqualTo(302);
    assertThat(ledger.budget(tenant.id(), id).lines().get(Asset.LOTTERY_CHANCE).funded()).isEqualTo(1000);
    String funded = approver.get("/console/campaigns/" + id).body();
    assertThat(funded).contains("id=\"chart-budget\"").contains("data-chart=").doesNotContain("id=\"fund-budget\"");
    assertThat(approver.get("/console/campaigns?status=APPROVED").body()).contains("Made and checked")
        .contains("0 / 1,000");
    assertThat(approver.get("/console/campaigns?status=DRAFT").body()).doesNotContain("Made and checked");
  }

  @Test
  void theRuleEditorChecksAsYouTypeWithRuleLineAndColumnAndSavesOnlyValidRules() {
    var operator = as(Role.OPERATOR);
    long id = createLottery(operator, "Editable");
    String editor = operator.get("/console/campaigns/" + id + "/rules").body();
    assertThat(editor).contains("name=\"condition.0\"").contains("name=\"amount.0.0\"").contains("hx-post=");

    HttpResponse<String> broken = operator.post("/console/campaigns/" + id + "/rules/check",
        "/console/campaigns/" + id + "/rules", Map.of("condition.0", "event.amount_fen > 100000 &&\n  event.amout_fen > 1",
            "amount.0.0", "1"));
    assertThat(broken.body()).doesNotContain("<html").contains("class=\"error rule-error\"")
        .contains("data-rule=\"chance-per-investment\"").contains("data-line=\"2\"")
        .contains("Rule chance-per-investment, line 2, column");
    assertThat(operator.post("/console/campaigns/" + id + "/rules/check", "/console/campaigns/" + id + "/rules",
        Map.of("condition.0", "event.amount_fen > 500000", "amount.0.0", "\"two\"")).body())
        .contains("data-field=\"rules[0].effects[0].amount\"");
    assertThat(operator.post("/console/campaigns/" + id + "/rules/check", "/console/campaigns/" + id + "/rules",
        Map.of("condition.0", "event.amount_fen > 500000", "amount.0.0", "2")).body()).contains("id=\"rules-ok\"");
    assertThat(campaign(id).plan().rules().getFirst().condition()).isEqualTo("event.amount_fen > 100000");

    var refused = operator.post("/console/campaigns/" + id + "/rules", "/console/campaigns/" + id + "/rules",
        Map.of("condition.0", "event.amount_fen >", "amount.0.0", "1"));
    assertThat(refused.statusCode()).isEqualTo(422);
    assertThat(refused.body()).contains("data-line=\"1\"").contains("event.amount_fen &gt;</textarea>");
    assertThat(campaign(id).plan().rules().getFirst().condition()).isEqualTo("event.amount_fen > 100000");

    var saved = operator.post("/console/campaigns/" + id + "/rules", "/console/campaigns/" + id + "/rules",
        Map.of("condition.0", "event.amount_fen > 500000", "amount.0.0", "2"));
    assertThat(saved.statusCode()).isEqualTo(302);
    assertThat(campaign(id).plan().rules().getFirst().condition()).isEqualTo("event.amount_fen > 500000");
    assertThat(as(Role.APPROVER).get("/console/campaigns/" + id + "/rules").statusCode()).isEqualTo(403);
  }

  @Test
  void theCustomerPageShowsTheWallet() {
    Borrowers.seed(customers, ingestion, tenant.id(), clock.instant());
    var operator = as(Role.OPERATOR);
    assertThat(operator.get("/console/customers/c-001").body()).contains("id=\"wallet\"").contains("No rewards yet.");
    long id = createLottery(operator, "Wallet feeder");
    ledger.fund(tenant.id(), id, Asset.POINTS, 10_000, "test");
    ledger.fund(tenant.id(), id, Asset.CASH_BACK, 10_000, "test");
    ledger.grant(new GrantRequest(tenant.id(), id, "r", "e-1", "c-001", Asset.POINTS, 120, null, null));
    ledger.grant(new GrantRequest(tenant.id(), id, "r", "e-2", "c-001", Asset.CASH_BACK, 1250,
        clock.instant().plus(7, ChronoUnit.DAYS), null));
    String page = operator.get("/console/customers/c-001").body();
    assertThat(page).contains("id=\"wallet-balances\"").contains("data-asset=\"POINTS\"").contains("120")
        .contains("12.50").contains("id=\"wallet-history\"").contains("Grant");
    assertThat(operator.get("/console/customers/c-001?lang=zh-CN").body()).contains("钱包").contains("待到账").contains("积分");
  }

  @Test
  void thePagesRenderInChinese() {
    var operator = as(Role.OPERATOR);
    long id = createLottery(operator, "中文活动");
    assertThat(operator.get("/console/campaigns?lang=zh-CN").body()).contains("活动").contains("草稿").contains("中文活动");
    assertThat(operator.get("/console/campaigns/new?lang=zh-CN").body()).contains("投资抽奖").contains("新手福利");
    assertThat(operator.get("/console/campaigns/new/investment_lottery?lang=zh-CN").body())
        .contains("投资金额大于").contains("抽奖机会").contains("保存为草稿");
    var refused = operator.post("/console/campaigns/new/investment_lottery?lang=zh-CN",
        "/console/campaigns/new/investment_lottery?lang=zh-CN", lottery("x", "", "1000"));
    assertThat(refused.body()).contains("规则会发放该资产，必须填写大于 0 的预算。");
    operator.post("/console/campaigns/" + id + "/submit", "/console/campaigns/" + id, Map.of());
    assertThat(operator.get("/console/campaigns/" + id + "?lang=zh-CN").body()).contains("待审批").contains("审计记录")
        .contains("提交审批");
    assertThat(as(Role.APPROVER).get("/console/approvals?lang=zh-CN").body()).contains("审批").contains("中文活动")
        .contains("通过").contains("驳回");
    assertThat(operator.get("/console/campaigns/" + id + "/rules?lang=zh-CN").body()).contains("的规则");
  }
}
