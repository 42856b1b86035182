package dev.flywheel.community.console;

import dev.flywheel.community.Community;
import dev.flywheel.platform.security.ConsoleUser;
import dev.flywheel.platform.security.Role;

/**
 * Who does what on the community pages. Viewing: admins, operators, employees. Creating:
 * admins, operators. Posting in the chat and seeing the chat secret: the community's managers
 * and admins. Adding members: the managers, admins and operators.
 */
final class ConsoleRoles {
  static final String VIEW = "hasAnyRole('ADMIN','OPERATOR','EMPLOYEE')";
  static final String CREATE = "hasAnyRole('ADMIN','OPERATOR')";

  private ConsoleRoles() {}

  static boolean manages(ConsoleUser me, Community community) {
    return me.roles().contains(Role.ADMIN) || community.managedBy(me.username());
  }

  static boolean addsMembers(ConsoleUser me, Community community) {
    return manages(me, community) || me.roles().contains(Role.OPERATOR);
  }
}
