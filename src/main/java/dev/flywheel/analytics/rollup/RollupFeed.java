package dev.flywheel.analytics.rollup;

import dev.flywheel.event.EventAccepted;
import dev.flywheel.event.EventHistory;
import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.SmartLifecycle;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The analytics feed: rollups are written <em>after</em> the ingestion commit, from a durable
 * queue, so ingesting an event does not pay for them. The ingestion transaction adds one
 * {@code analytics_feed} row per tenant (its events' sequence numbers) and commits it with the
 * events; a transaction that writes the rollups of queued rows deletes them, so every accepted
 * event is rolled up exactly once, and a crash in between only delays it.
 *
 * <p>Who writes them: this node's feed worker, woken after every ingestion commit (and polling
 * every {@code flywheel.analytics.feed.poll}, for rows left by a crash or another node), which
 * claims rows with {@code SKIP LOCKED}; and every analytics question, which first
 * {@linkplain #catchUp catches up} its tenant (applying what is queued, waiting for rows being
 * applied), so a report never misses an event committed before it was asked. Several batches are
 * applied together (up to {@code flywheel.analytics.feed.claim-rows} rows), so a customer seen in
 * several of them is written once.
 *
 * <p>Locks: ingestion, the worker and catch-up hold the tenant's rollup lock ({@link Rebuild#LOCK})
 * shared, always before they lock feed rows; a rebuild takes it exclusively while it deletes the
 * tenant's rollups and queued rows and takes its snapshot, so each event is either in its
 * snapshot or queued after it. A row whose rollups fail to apply is retried alone; after
 * {@link #MAX_ATTEMPTS} failures it stays in the table with its error (logged), out of the way.
 */
@Component
public class RollupFeed implements SmartLifecycle {
  static final int MAX_ATTEMPTS = 3;
  private static final Logger log = LoggerFactory.getLogger(RollupFeed.class);
  private final JdbcClient jdbc;
  private final EventHistory history;
  private final RollupWriter writer;
  private final TransactionTemplate own;
  private final int claimRows;
  private final long pollMillis;
  private final boolean workerEnabled;
  private final BlockingQueue<Boolean> wake = new ArrayBlockingQueue<>(1);
  private volatile boolean running;
  private volatile boolean paused;
  private Thread worker;

  RollupFeed(JdbcClient jdbc, EventHistory history, RollupWriter writer, PlatformTransactionManager transactions,
      @Value("${flywheel.analytics.feed.claim-rows:32}") int claimRows,
      @Value("${flywheel.analytics.feed.poll:1s}") Duration poll,
      @Value("${flywheel.analytics.feed.worker:true}") boolean workerEnabled) {
    this.jdbc = jdbc;
    this.history = history;
    this.writer = writer;
    this.own = new TransactionTemplate(transactions);
    own.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
    this.claimRows = Math.max(1, claimRows);
    this.pollMillis = Math.max(10, poll.toMillis());
    this.workerEnabled = workerEnabled;
  }

  /**
   * In the caller's (ingestion) transaction: queues the rollups of these accepted events of one
   * tenant, holding the tenant's rollup lock shared until the transaction ends. Call
   * {@link #wake} after the commit.
   */
  void enqueue(long tenantId, List<EventAccepted> events) {
    long[] seqs = events.stream().mapToLong(EventAccepted::seq).toArray();
    Instant first = events.stream().map(EventAccepted::occurredAt).min(Instant::compareTo).orElseThrow();
    Instant last = events.stream().map(EventAccepted::occurredAt).max(Instant::compareTo).orElseThrow();
    jdbc.sql("""
            insert into analytics_feed (tenant_id, seqs, first_at, last_at)
            select :tenant, cast(:seqs as bigint[]), :first, :last
              from (select pg_advisory_xact_lock_shared(%d, cast(:tenant as int))) l""".formatted(Rebuild.LOCK))
        .param("tenant", tenantId).param("seqs", seqs)
        .param("first", OffsetDateTime.ofInstant(first, ZoneOffset.UTC))
        .param("last", OffsetDateTime.ofInstant(last, ZoneOffset.UTC))
        .update();
  }

  /** Tells the worker there is something queued (cheap; never blocks). */
  void wake() {
    wake.offer(Boolean.TRUE);
  }

  /**
   * Writes the rollups of everything queued for the tenant now, in the caller's thread (own
   * transactions), waiting for rows another transaction is applying: afterwards the rollups hold
   * every event committed before the call. What analytics questions call first.
   */
  public void catchUp(long tenantId) {
    boolean queued = jdbc.sql("select exists (select 1 from analytics_feed where tenant_id = :tenant and attempts < :max)")
        .param("tenant", tenantId).param("max", MAX_ATTEMPTS).query(Boolean.class).single();
    if (queued) {
      drain(tenantId, false);
    }
  }

  /** Rows (and events) still queued for the tenant, failed ones included. */
  public Backlog backlog(long tenantId) {
    return jdbc.sql("""
            select count(*), coalesce(sum(cardinality(seqs)), 0), count(*) filter (where attempts >= :max)
              from analytics_feed where tenant_id = :tenant""")
        .param("tenant", tenantId).param("max", MAX_ATTEMPTS)
        .query((rs, n) -> new Backlog(rs.getLong(1), rs.getLong(2), rs.getLong(3))).single();
  }

  /** Queued feed rows and their events, and how many rows gave up after {@link #MAX_ATTEMPTS}. */
  public record Backlog(long rows, long events, long failed) {}

  /** Stops (true) or resumes this node's worker; catch-up still applies. For tests and maintenance. */
  public void pauseWorker(boolean pause) {
    paused = pause;
    wake();
  }

  /**
   * Applies the tenant's queued rows chunk by chunk until none is left (or only locked ones, with
   * skipLocked). After a failed chunk its rows are tried one by one: a row that fails alone counts
   * an attempt; when none goes through (the database, not a row, is failing) the round ends and a
   * later one tries again. Returns the rows applied.
   */
  private int drain(long tenantId, boolean skipLocked) {
    int total = 0;
    while (true) {
      int applied;
      try {
        applied = own.execute(status -> applyChunk(tenantId, null, skipLocked));
      } catch (RuntimeException e) {
        log.warn("Analytics feed: a chunk of tenant {} failed, applying its rows one by one", tenantId, e);
        applied = applyOneByOne(tenantId);
      }
      if (applied == 0) {
        return total;
      }
      total += applied;
    }
  }

  /**
   * One transaction: the tenant's rollup lock shared, then up to {@link #claimRows} queued rows
   * (or just {@code onlyId}) locked, their events read and rolled up, the rows deleted.
   */
  private int applyChunk(long tenantId, Long onlyId, boolean skipLocked) {
    jdbc.sql("select pg_advisory_xact_lock_shared(" + Rebuild.LOCK + ", cast(:tenant as int))")
        .param("tenant", tenantId).query((rs, n) -> 1).list();
    List<Queued> rows = jdbc.sql("""
            select id, seqs, first_at, last_at from analytics_feed
             where tenant_id = :tenant and attempts < :max and (cast(:only as bigint) is null or id = :only)
             order by id limit :limit for update""" + (skipLocked ? " skip locked" : ""))
        .param("tenant", tenantId).param("max", MAX_ATTEMPTS).param("only", onlyId).param("limit", claimRows)
        .query(RollupFeed::queued).list();
    if (rows.isEmpty()) {
      return 0;
    }
    writer.write(tenantId, events(tenantId, rows));
    jdbc.sql("delete from analytics_feed where id = any(cast(:ids as bigint[]))")
        .param("ids", rows.stream().mapToLong(Queued::id).toArray()).update();
    return rows.size();
  }

  /**
   * After a failed chunk: each of the tenant's oldest rows alone; a row that fails is marked.
   * Returns the rows applied.
   */
  private int applyOneByOne(long tenantId) {
    List<Long> ids = jdbc.sql("""
            select id from analytics_feed where tenant_id = :tenant and attempts < :max order by id limit :limit""")
        .param("tenant", tenantId).param("max", MAX_ATTEMPTS).param("limit", claimRows).query(Long.class).list();
    int applied = 0;
    for (long id : ids) {
      try {
        Integer one = own.execute(status -> applyChunk(tenantId, id, true));
        applied += one == null ? 0 : one;
      } catch (RuntimeException e) {
        log.warn("Analytics feed: row {} of tenant {} failed", id, tenantId, e);
        own.executeWithoutResult(status -> jdbc.sql(
                "update analytics_feed set attempts = attempts + 1, last_error = left(:error, 2000) where id = :id")
            .param("id", id).param("error", String.valueOf(e)).update());
      }
    }
    return applied;
  }

  /** The rows' events, read from the event store in one query. */
  private List<EventAccepted> events(long tenantId, List<Queued> rows) {
    long[] seqs = rows.stream().flatMapToLong(r -> Arrays.stream(r.seqs())).toArray();
    Instant first = rows.stream().map(Queued::first).min(Instant::compareTo).orElseThrow();
    Instant last = rows.stream().map(Queued::last).max(Instant::compareTo).orElseThrow();
    return history.bySeq(tenantId, seqs, first, last).stream().map(e -> e.asAccepted(tenantId)).toList();
  }

  private record Queued(long id, long[] seqs, Instant first, Instant last) {}

  private static Queued queued(ResultSet rs, int row) throws SQLException {
    Array array = rs.getArray(2);
    Long[] boxed = (Long[]) array.getArray();
    long[] seqs = new long[boxed.length];
    for (int i = 0; i < boxed.length; i++) {
      seqs[i] = boxed[i];
    }
    return new Queued(rs.getLong(1), seqs, rs.getObject(3, OffsetDateTime.class).toInstant(),
        rs.getObject(4, OffsetDateTime.class).toInstant());
  }

  /** The worker: applies the oldest queued tenant's rows until the feed is empty, then waits. */
  private void work() {
    while (running) {
      boolean more = false;
      if (!paused) {
        try {
          Long tenant = jdbc.sql("select tenant_id from analytics_feed where attempts < :max order by id limit 1")
              .param("max", MAX_ATTEMPTS).query(Long.class).optional().orElse(null);
          more = tenant != null && drain(tenant, true) > 0; // then the next tenant at once
        } catch (RuntimeException e) {
          log.warn("Analytics feed worker: will retry", e);
        }
      }
      try {
        if (!more) {
          wake.poll(pollMillis, TimeUnit.MILLISECONDS);
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
    }
  }

  @Override
  public void start() {
    if (!workerEnabled || running) {
      return;
    }
    running = true;
    worker = Thread.ofPlatform().name("analytics-feed").daemon().start(this::work);
  }

  @Override
  public void stop() {
    running = false;
    wake();
    Thread t = worker;
    if (t != null) {
      try {
        t.join(10_000);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    worker = null;
  }

  @Override
  public boolean isRunning() {
    return running;
  }
}
