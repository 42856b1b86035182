package dev.flywheel.customer.profile;

import java.time.Clock;
import java.time.LocalDate;
import java.util.Map;
import org.springframework.stereotype.Component;

/**
 * The module's door for profile writes from Java (the simulator, later imports): the same
 * validation and the same upsert as {@code PUT /api/v1/customers/{id}}.
 */
@Component
public class ProfileWrites {
  private final ProfileStore store;
  private final Clock clock;

  ProfileWrites(ProfileStore store, Clock clock) {
    this.store = store;
    this.clock = clock;
  }

  /** @return true when created; throws an {@code invalid-customer} problem on bad input */
  public boolean save(long tenantId, String customerId, Map<String, Object> fields) {
    ProfileForm.checkId(customerId);
    return store.upsert(tenantId, customerId, ProfileForm.parse(fields, LocalDate.now(clock)));
  }
}
