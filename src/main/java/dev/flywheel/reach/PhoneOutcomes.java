package dev.flywheel.reach;

import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/** How a phone task went, for other modules: the recorded outcome of the task's message. */
@Service
public class PhoneOutcomes {
  private final JdbcClient jdbc;

  PhoneOutcomes(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  /** The outcome recorded for the phone task of {@code messageId}; empty while none is recorded. */
  public Optional<PhoneTaskOutcome.Outcome> of(long tenantId, long messageId) {
    return jdbc.sql("select outcome from reach_phone_tasks where tenant_id = :tenant and message_id = :id and outcome is not null")
        .param("tenant", tenantId).param("id", messageId).query(String.class).optional()
        .map(PhoneTaskOutcome.Outcome::valueOf);
  }
}
