package dev.flywheel.platform.security;

import java.sql.Array;
import java.sql.Timestamp;
import java.time.Clock;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.core.userdetails.UsernameNotFoundException;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Console logins; passwords are hashed with the platform's {@link PasswordEncoder}. */
@Service
public class ConsoleUsers implements UserDetailsService {
  private final JdbcClient jdbc;
  private final PasswordEncoder passwords;
  private final Clock clock;

  ConsoleUsers(JdbcClient jdbc, PasswordEncoder passwords, Clock clock) {
    this.jdbc = jdbc;
    this.passwords = passwords;
    this.clock = clock;
  }

  @Transactional
  public ConsoleUser create(long tenantId, String username, String displayName, String rawPassword, Set<Role> roles) {
    String[] roleNames = roles.stream().map(Enum::name).sorted().toArray(String[]::new);
    long id = jdbc.sql("""
            insert into console_users (tenant_id, username, display_name, password_hash, roles, created_at)
            values (:tenant, :username, :display, :hash, cast(:roles as text[]), :now) returning id""")
        .param("tenant", tenantId).param("username", username).param("display", displayName)
        .param("hash", passwords.encode(rawPassword))
        .param("roles", "{" + String.join(",", roleNames) + "}")
        .param("now", Timestamp.from(clock.instant()))
        .query(Long.class).single();
    return find(tenantId, id).orElseThrow();
  }

  public Optional<ConsoleUser> find(long tenantId, long id) {
    return jdbc.sql("select * from console_users where tenant_id = :tenant and id = :id")
        .param("tenant", tenantId).param("id", id).query(ConsoleUsers::map).optional();
  }

  public List<ConsoleUser> list(long tenantId) {
    return jdbc.sql("select * from console_users where tenant_id = :tenant order by username")
        .param("tenant", tenantId).query(ConsoleUsers::map).list()
        .stream().map(ConsoleUser::withoutPassword).toList();
  }

  @Override
  public ConsoleUser loadUserByUsername(String username) {
    return jdbc.sql("select * from console_users where username = :username")
        .param("username", username).query(ConsoleUsers::map).optional()
        .orElseThrow(() -> new UsernameNotFoundException("unknown user"));
  }

  private static ConsoleUser map(java.sql.ResultSet rs, int row) throws java.sql.SQLException {
    Array roles = rs.getArray("roles");
    Set<Role> parsed = Arrays.stream((String[]) roles.getArray()).map(Role::valueOf)
        .collect(Collectors.toCollection(() -> EnumSet.noneOf(Role.class)));
    return new ConsoleUser(rs.getLong("id"), rs.getLong("tenant_id"), rs.getString("username"),
        rs.getString("display_name"), rs.getString("password_hash"), parsed, rs.getBoolean("enabled"));
  }
}
