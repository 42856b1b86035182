package dev.flywheel.platform.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flywheel.platform.security.Role;
import dev.flywheel.support.ConsoleSession;
import dev.flywheel.support.RunningFlywheel;
import dev.flywheel.support.TestTenants;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.ApplicationContext;
import org.springframework.web.servlet.resource.ResourceUrlEncodingFilter;

/** Pages still get resource-chain links; the filter is registered once, ours, which skips the API. */
@RunningFlywheel
class PageResourceUrlsTest {
  private static final Pattern HTMX = Pattern.compile("<script src=\"([^\"]*htmx\\.min\\.js)\"");
  @Autowired ApplicationContext context;
  @Autowired TestTenants tenants;
  @LocalServerPort int port;

  @Test
  void theResourceUrlFilterIsRegisteredOnceAndSkipsOnlyTheApi() {
    var registrations = context.getBeansOfType(FilterRegistrationBean.class).values().stream()
        .filter(r -> r.getFilter() instanceof ResourceUrlEncodingFilter).toList();
    assertThat(registrations).hasSize(1);
    assertThat(registrations.getFirst().getFilter()).isInstanceOf(PageResourceUrls.PagesOnly.class);
  }

  @Test
  void consolePagesLinkStaticResourcesThatLoad() {
    var tenant = tenants.create();
    var session = new ConsoleSession(port).login(tenant.user(Role.OPERATOR), TestTenants.PASSWORD);
    String page = session.get("/console").body();
    Matcher htmx = HTMX.matcher(page);
    assertThat(htmx.find()).as("htmx script tag").isTrue();
    var script = session.get(htmx.group(1));
    assertThat(script.statusCode()).isEqualTo(200);
    assertThat(script.body()).contains("htmx");
  }
}
