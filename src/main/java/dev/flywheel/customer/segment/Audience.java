package dev.flywheel.customer.segment;

import dev.cel.runtime.CelRuntime;
import dev.flywheel.customer.CustomerProfile;
import dev.flywheel.customer.profile.CustomerRows;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Evaluates a program over a tenant's customers, streamed from PostgreSQL with a server-side
 * cursor (fetch size 1,000, read-only transaction), so memory stays flat at 100k customers.
 */
@Component
public class Audience {
  private static final int FETCH_SIZE = 1_000;
  private final JdbcClient jdbc;
  private final TransactionTemplate readOnly;

  Audience(JdbcClient jdbc, PlatformTransactionManager transactions) {
    this.jdbc = jdbc;
    this.readOnly = new TransactionTemplate(transactions);
    this.readOnly.setReadOnly(true);
  }

  /** A zero-based page of matching ids (by id) and the total number of matches. */
  public Result page(long tenantId, CelRuntime.Program program, int page, int size) {
    long skip = (long) Math.max(0, page) * size;
    return readOnly.execute(status -> {
      List<String> ids = new ArrayList<>();
      long total = 0;
      try (Stream<CustomerProfile> customers = stream(tenantId)) {
        for (var it = customers.iterator(); it.hasNext(); ) {
          CustomerProfile c = it.next();
          if (SegmentLanguage.matches(program, SegmentVariables.of(c))) {
            if (total >= skip && ids.size() < size) {
              ids.add(c.id());
            }
            total++;
          }
        }
      }
      return new Result(List.copyOf(ids), total);
    });
  }

  public long count(long tenantId, CelRuntime.Program program) {
    return page(tenantId, program, 0, 0).total();
  }

  public boolean contains(long tenantId, CelRuntime.Program program, String customerId) {
    return jdbc.sql(CustomerRows.SELECT + " where c.tenant_id = :tenant and c.id = :id")
        .param("tenant", tenantId).param("id", customerId)
        .query(CustomerRows::map).optional()
        .map(c -> SegmentLanguage.matches(program, SegmentVariables.of(c)))
        .orElse(false);
  }

  private Stream<CustomerProfile> stream(long tenantId) {
    return jdbc.sql(CustomerRows.SELECT + " where c.tenant_id = :tenant order by c.id")
        .param("tenant", tenantId).withFetchSize(FETCH_SIZE)
        .query(CustomerRows::map).stream();
  }

  public record Result(List<String> ids, long total) {}
}
