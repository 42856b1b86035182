package dev.flywheel.reach;

import dev.flywheel.platform.web.FieldIssue;
import dev.flywheel.platform.web.Problem;
import dev.flywheel.reach.policy.PolicyJson;
import dev.flywheel.reach.policy.PolicyStore;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** A tenant's contact rules (caps, minimum interval, quiet hours, stage channels, opt-out text). */
@Service
public class ContactPolicies {
  private final PolicyStore store;

  ContactPolicies(PolicyStore store) {
    this.store = store;
  }

  public ContactPolicy find(long tenantId) {
    return store.find(tenantId);
  }

  /** The policy as the settings API shows it (snake_case). */
  public Map<String, Object> json(long tenantId) {
    return PolicyJson.write(store.find(tenantId));
  }

  /**
   * Applies the given settings fields (absent ones keep their value) and saves.
   *
   * @throws Problem {@code invalid-settings} naming each field at fault
   */
  @Transactional
  public ContactPolicy update(long tenantId, Map<String, Object> changes, String actor) {
    List<FieldIssue> issues = new ArrayList<>();
    ContactPolicy policy = PolicyJson.read(store.find(tenantId), changes, issues);
    if (!issues.isEmpty()) {
      throw Problem.invalid("invalid-settings", "The reach settings have " + issues.size() + " problem(s)", issues);
    }
    store.save(tenantId, policy, actor);
    return policy;
  }
}
