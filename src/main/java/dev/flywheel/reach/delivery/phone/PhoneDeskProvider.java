package dev.flywheel.reach.delivery.phone;

import dev.flywheel.reach.Channel;
import dev.flywheel.reach.delivery.provider.ChannelProvider;
import dev.flywheel.reach.delivery.provider.Parcel;
import dev.flywheel.reach.delivery.provider.ProviderResult;
import java.sql.Timestamp;
import java.time.Clock;
import java.util.Set;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * PHONE_TASK messages become OPEN call tasks for employees (once per message). Queuing the task
 * is SENT; the employee's outcome makes it DELIVERED (reached, promised, refused) or FAILED
 * ({@code no-answer}).
 */
@Component
class PhoneDeskProvider implements ChannelProvider {
  private final JdbcClient jdbc;
  private final Clock clock;

  PhoneDeskProvider(JdbcClient jdbc, Clock clock) {
    this.jdbc = jdbc;
    this.clock = clock;
  }

  @Override
  public Set<Channel> channels() {
    return Set.of(Channel.PHONE_TASK);
  }

  @Override
  public ProviderResult send(Parcel parcel) {
    jdbc.sql("""
            insert into reach_phone_tasks (message_id, tenant_id, customer_id, title, script, status, created_at)
            values (:id, :tenant, :customer, :title, :script, 'OPEN', :now)
            on conflict (message_id) do nothing""")
        .param("id", parcel.messageId()).param("tenant", parcel.tenantId()).param("customer", parcel.customerId())
        .param("title", parcel.subject()).param("script", parcel.body() == null ? "" : parcel.body())
        .param("now", Timestamp.from(clock.instant())).update();
    return new ProviderResult.Sent("phone-desk", null, null, false);
  }
}
