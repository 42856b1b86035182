package dev.flywheel.reach;

import dev.flywheel.reach.delivery.Delivery;
import dev.flywheel.reach.delivery.OutgoingMessage;
import java.sql.Timestamp;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Stands in for the delivery half until it is merged: a {@code @Primary} {@link Delivery} that
 * writes the {@code reach_deliveries} row (queued) in the planning transaction, as the real one
 * does, and remembers each hand-over. Imported by the reach planning tests only; once the real
 * Delivery is merged these tests can switch to it and read {@code reach_deliveries}.
 */
@TestConfiguration(proxyBeanMethods = false)
public class HandOverLog {

  /** The hand-overs seen so far, oldest first. */
  public static final class Recorded implements Delivery {
    private final JdbcClient jdbc;
    private final Clock clock;
    private final List<OutgoingMessage> handedOver = new CopyOnWriteArrayList<>();
    private final java.util.concurrent.atomic.AtomicInteger failures = new java.util.concurrent.atomic.AtomicInteger();

    Recorded(JdbcClient jdbc, Clock clock) {
      this.jdbc = jdbc;
      this.clock = clock;
    }

    private volatile String failingCustomer;

    /** The next {@code count} hand-overs throw, as a delivery whose database write failed would. */
    public void failNext(int count) {
      failingCustomer = null;
      failures.set(count);
    }

    /**
     * The next {@code count} hand-overs of one customer of one tenant throw; others go through
     * (the shared test database may hold other tests' due messages).
     */
    public void failNextOf(long tenantId, String customerId, int count) {
      failingCustomer = tenantId + "/" + customerId;
      failures.set(count);
    }

    @Override
    public void handOver(OutgoingMessage m) {
      String customer = failingCustomer;
      boolean targeted = customer == null || customer.equals(m.tenantId() + "/" + m.customerId());
      if (targeted && failures.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
        throw new IllegalStateException("delivery unavailable");
      }
      jdbc.sql("""
              insert into reach_deliveries (message_id, tenant_id, channel, provider, queued_at)
              values (:id, :tenant, :channel, 'test', :now)""")
          .param("id", m.messageId()).param("tenant", m.tenantId()).param("channel", m.channel().name())
          .param("now", Timestamp.from(clock.instant())).update();
      handedOver.add(m);
    }

    public List<OutgoingMessage> of(long tenantId) {
      return handedOver.stream().filter(m -> m.tenantId() == tenantId).toList();
    }
  }

  @Bean
  @Primary
  Recorded recordedDelivery(JdbcClient jdbc, Clock clock) {
    return new Recorded(jdbc, clock);
  }
}
