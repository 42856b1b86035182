package dev.flywheel.platform.security;

import dev.flywheel.platform.tenancy.TenantPrincipal;
import java.util.Collection;
import java.util.Set;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.userdetails.UserDetails;

/** A person signed in to the console. */
public record ConsoleUser(long id, long tenantId, String username, String displayName, String passwordHash,
    Set<Role> roles, boolean enabled) implements UserDetails, TenantPrincipal {

  @Override
  public String actor() {
    return username;
  }

  @Override
  public Collection<? extends GrantedAuthority> getAuthorities() {
    return roles.stream().map(r -> new SimpleGrantedAuthority("ROLE_" + r.name())).toList();
  }

  @Override
  public String getPassword() {
    return passwordHash;
  }

  @Override
  public String getUsername() {
    return username;
  }

  @Override
  public boolean isEnabled() {
    return enabled;
  }

  /**
   * The user's e-mail address: the username when it is one ({@code li.lei@example.com}); a
   * username such as {@code employee@demo} (no dot in the domain) is not.
   */
  public java.util.Optional<String> emailAddress() {
    return username != null && username.matches("[^@\\s]+@[^@\\s.]+(\\.[^@\\s.]+)+")
        ? java.util.Optional.of(username) : java.util.Optional.empty();
  }

  /** Without the hash, for anything that might be logged or rendered. */
  public ConsoleUser withoutPassword() {
    return new ConsoleUser(id, tenantId, username, displayName, "", roles, enabled);
  }
}
