package dev.flywheel.support;

import dev.flywheel.platform.security.ApiKeys;
import dev.flywheel.platform.security.ConsoleUsers;
import dev.flywheel.platform.security.Role;
import dev.flywheel.platform.tenancy.Tenant;
import dev.flywheel.platform.tenancy.Tenants;
import java.time.ZoneId;
import java.util.EnumSet;
import java.util.concurrent.atomic.AtomicInteger;
import org.springframework.boot.test.context.TestComponent;

/** Creates isolated tenants with an API key and one console user per role. */
@TestComponent
public class TestTenants {
  private static final AtomicInteger SEQ = new AtomicInteger();
  public static final String PASSWORD = "test-password-1";
  private final Tenants tenants;
  private final ApiKeys apiKeys;
  private final ConsoleUsers users;

  TestTenants(Tenants tenants, ApiKeys apiKeys, ConsoleUsers users) {
    this.tenants = tenants;
    this.apiKeys = apiKeys;
    this.users = users;
  }

  /** A fresh tenant; usernames are {@code <role>@<slug>} with password {@link #PASSWORD}. */
  public TestTenant create() {
    String slug = "t" + System.nanoTime() % 1_000_000_000L + "-" + SEQ.incrementAndGet();
    Tenant tenant = tenants.create(slug, "Tenant " + slug, ZoneId.of("Asia/Shanghai"));
    String key = apiKeys.issue(tenant.id(), "test", "test").secret();
    for (Role role : Role.values()) {
      users.create(tenant.id(), role.name().toLowerCase() + "@" + slug, role.name(), PASSWORD, EnumSet.of(role));
    }
    return new TestTenant(tenant, key);
  }

  public record TestTenant(Tenant tenant, String apiKey) {
    public long id() {
      return tenant.id();
    }

    public String user(Role role) {
      return role.name().toLowerCase() + "@" + tenant.slug();
    }
  }
}
