package dev.flywheel.community.console;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flywheel.community.ChatKind;
import dev.flywheel.community.ChatMessage;
import dev.flywheel.community.Communities;
import dev.flywheel.community.Community;
import dev.flywheel.community.CommunityChat;
import dev.flywheel.community.CommunityDraft;
import dev.flywheel.community.CommunityResult;
import dev.flywheel.community.Inbound;
import dev.flywheel.community.Member;
import dev.flywheel.customer.Customers;
import dev.flywheel.platform.security.ConsoleUsers;
import dev.flywheel.platform.security.Role;
import dev.flywheel.support.ConsoleSession;
import dev.flywheel.support.RunningFlywheel;
import dev.flywheel.support.TestTenants;
import dev.flywheel.support.TestTenants.TestTenant;
import java.net.http.HttpResponse;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/** The community console pages for each role: who sees what, creating, posting, adding suggested members. */
@RunningFlywheel
class CommunityConsoleTest {
  @Autowired TestTenants tenants;
  @Autowired Communities communities;
  @Autowired CommunityChat chat;
  @Autowired Customers customers;
  @Autowired ConsoleUsers users;
  @LocalServerPort int port;
  private TestTenant tenant;
  private Community club;

  @BeforeEach
  void club() {
    tenant = tenants.create();
    for (String id : List.of("c1", "c2", "c3")) {
      customers.saveProfile(tenant.id(), id, Map.of("name", "Name " + id));
      customers.addTags(tenant.id(), Map.of(id, List.of("loan")));
    }
    customers.saveProfile(tenant.id(), "c-iw", Map.of("name", "Iris"));
    customers.addTags(tenant.id(), Map.of("c-iw", List.of("insurance", "wealth")));
    club = ((CommunityResult.Done) communities.create(tenant.id(), new CommunityDraft("Loan club", "Talk about loans",
        ChatKind.WEB_ROOM, null, List.of(tenant.user(Role.EMPLOYEE))), "test")).community();
    for (String id : List.of("c1", "c2", "c3")) {
      communities.join(tenant.id(), club.id(), id, "N" + id);
    }
    chat.receive(tenant.id(), club.id(), new Inbound("m-1", "c1", "Nc1", "When is the quiz?"));
  }

  private ConsoleSession as(Role role) {
    return new ConsoleSession(port).login(tenant.user(role), TestTenants.PASSWORD);
  }

  @Test
  void theManagerSeesTheListWithTagMixAndHealthAndTheCommunityWithItsSecretAndJoinLink() {
    ConsoleSession manager = as(Role.EMPLOYEE);
    HttpResponse<String> list = manager.get("/console/communities");
    assertThat(list.statusCode()).isEqualTo(200);
    assertThat(list.body()).contains("Loan club").contains("data-tag=\"loan\"").contains("loan 100%")
        .contains("single need").contains("class=\"chart spark\"").contains("id=\"nav-communities\"")
        .doesNotContain("id=\"new-community\"");
    assertThat(list.body()).containsPattern("class=\"num active\">1<");

    HttpResponse<String> page = manager.get("/console/communities/" + club.id());
    assertThat(page.statusCode()).isEqualTo(200);
    assertThat(page.body()).contains(communities.chatSecret(tenant.id(), club.id()).orElseThrow())
        .contains("/h5/communities/join/" + club.joinCode()).contains("id=\"single-need-warning\"")
        .contains("id=\"trend-chart\"").contains("data-tab=\"suggestions\"");
    assertThat(manager.get("/console/communities/" + club.id() + "/members").body()).contains("Nc2");
    assertThat(manager.get("/console/communities/" + club.id() + "?lang=zh-CN").body()).contains("标签构成")
        .contains("入群链接");
  }

  @Test
  void theManagerPostsFromTheConsoleAndOthersMayNot() {
    ConsoleSession manager = as(Role.EMPLOYEE);
    String chatPage = "/console/communities/" + club.id() + "/chat";
    assertThat(manager.get(chatPage).body()).contains("When is the quiz?").contains("id=\"post-form\"");
    HttpResponse<String> posted = manager.post(chatPage, chatPage, Map.of("body", "Tonight at 8 pm"));
    assertThat(posted.statusCode()).isEqualTo(302);
    List<ChatMessage> messages = chat.latest(tenant.id(), club.id(), 10);
    assertThat(messages.getLast()).satisfies(m -> {
      assertThat(m.inbound()).isFalse();
      assertThat(m.body()).isEqualTo("Tonight at 8 pm");
      assertThat(m.senderName()).isEqualTo("EMPLOYEE");
    });
    assertThat(manager.get(chatPage + "/messages").body()).contains("Tonight at 8 pm").doesNotContain("<html");

    ConsoleSession operator = as(Role.OPERATOR);
    assertThat(operator.get("/console/communities/" + club.id()).body())
        .doesNotContain(communities.chatSecret(tenant.id(), club.id()).orElseThrow());
    assertThat(operator.get(chatPage).body()).doesNotContain("id=\"post-form\"");
    assertThat(operator.post(chatPage, chatPage, Map.of("body", "sneaky")).statusCode()).isEqualTo(403);

    users.create(tenant.id(), "other-employee@" + tenant.tenant().slug(), "Other", TestTenants.PASSWORD,
        EnumSet.of(Role.EMPLOYEE));
    ConsoleSession other = new ConsoleSession(port).login("other-employee@" + tenant.tenant().slug(), TestTenants.PASSWORD);
    assertThat(other.get(chatPage).statusCode()).isEqualTo(200);
    assertThat(other.post(chatPage, chatPage, Map.of("body", "not mine")).statusCode()).isEqualTo(403);
    assertThat(chat.latest(tenant.id(), club.id(), 10)).extracting(ChatMessage::body)
        .doesNotContain("sneaky", "not mine");

    ConsoleSession admin = as(Role.ADMIN);
    assertThat(admin.get("/console/communities/" + club.id()).body())
        .contains(communities.chatSecret(tenant.id(), club.id()).orElseThrow());
    assertThat(admin.post(chatPage, chatPage, Map.of("body", "Admin here")).statusCode()).isEqualTo(302);
  }

  @Test
  void approversAreRefusedAndOnlyOperatorsAndAdminsCreate() {
    assertThat(as(Role.APPROVER).get("/console/communities").statusCode()).isEqualTo(403);
    assertThat(as(Role.EMPLOYEE).get("/console/communities/new").statusCode()).isEqualTo(403);
    assertThat(as(Role.EMPLOYEE).get("/console/communities/999999999").statusCode()).isEqualTo(404);

    ConsoleSession admin = as(Role.ADMIN);
    HttpResponse<String> form = admin.get("/console/communities/new");
    assertThat(form.statusCode()).isEqualTo(200);
    assertThat(form.body()).contains("value=\"" + tenant.user(Role.EMPLOYEE) + "\"")
        .doesNotContain("value=\"" + tenant.user(Role.OPERATOR) + "\"");
    HttpResponse<String> invalid = admin.post("/console/communities/new", "/console/communities/new",
        Map.of("name", "", "chatKind", "HTTP", "chatUrl", ""));
    assertThat(invalid.statusCode()).isEqualTo(422);
    assertThat(invalid.body()).contains("data-field=\"name\"").contains("data-field=\"chat_url\"")
        .contains("data-field=\"managers\"");
    HttpResponse<String> created = admin.post("/console/communities/new", "/console/communities/new",
        Map.of("name", "Wealth club", "description", "Funds and insurance", "chatKind", "WEB_ROOM",
            "managers", tenant.user(Role.EMPLOYEE)));
    assertThat(created.statusCode()).isEqualTo(302);
    Community wealth = communities.list(tenant.id()).stream().filter(c -> c.name().equals("Wealth club")).findFirst()
        .orElseThrow();
    assertThat(created.headers().firstValue("Location").orElseThrow()).endsWith("/console/communities/" + wealth.id());
    assertThat(wealth.managers()).containsExactly(tenant.user(Role.EMPLOYEE));
    assertThat(wealth.createdBy()).isEqualTo(tenant.user(Role.ADMIN));
  }

  @Test
  void suggestionsAreShownAndTheChosenCustomersAdded() {
    ConsoleSession manager = as(Role.EMPLOYEE);
    String page = "/console/communities/" + club.id() + "/suggestions";
    HttpResponse<String> suggested = manager.get(page + "?target=loan:1,insurance:1,wealth:1");
    assertThat(suggested.statusCode()).isEqualTo(200);
    assertThat(suggested.body()).contains("data-customer=\"c-iw\"").doesNotContain("data-customer=\"c1\"");
    assertThat(manager.get(page + "?target=loan:zero").statusCode()).isEqualTo(422);

    HttpResponse<String> added = manager.post(page + "/add", page, Map.of("customer", "c-iw",
        "target", "loan:1,insurance:1,wealth:1"));
    assertThat(added.statusCode()).isEqualTo(302);
    assertThat(communities.members(tenant.id(), club.id())).extracting(Member::customerId).contains("c-iw");
    assertThat(as(Role.APPROVER).post(page + "/add", "/console", Map.of("customer", "c1")).statusCode())
        .isEqualTo(403);
  }
}
