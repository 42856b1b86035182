package dev.flywheel.reach.delivery.inbox;

import dev.flywheel.reach.Channel;
import dev.flywheel.reach.delivery.provider.ChannelProvider;
import dev.flywheel.reach.delivery.provider.Parcel;
import dev.flywheel.reach.delivery.provider.ProviderResult;
import java.sql.Timestamp;
import java.time.Clock;
import java.util.Set;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** The in-app inbox: delivering is storing the message in {@code reach_inbox} (once per message). */
@Component
class InboxProvider implements ChannelProvider {
  private final JdbcClient jdbc;
  private final Clock clock;

  InboxProvider(JdbcClient jdbc, Clock clock) {
    this.jdbc = jdbc;
    this.clock = clock;
  }

  @Override
  public Set<Channel> channels() {
    return Set.of(Channel.INBOX);
  }

  @Override
  public ProviderResult send(Parcel parcel) {
    jdbc.sql("""
            insert into reach_inbox (message_id, tenant_id, customer_id, title, body, created_at)
            values (:id, :tenant, :customer, :title, :body, :now)
            on conflict (message_id) do nothing""")
        .param("id", parcel.messageId()).param("tenant", parcel.tenantId()).param("customer", parcel.customerId())
        .param("title", parcel.subject()).param("body", parcel.body() == null ? "" : parcel.body())
        .param("now", Timestamp.from(clock.instant())).update();
    return new ProviderResult.Sent("inbox", null, null, true);
  }
}
